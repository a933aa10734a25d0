package api

import (
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/assist"
)

// schemaTypes are the component schemas of the OpenAPI document, derived
// by reflection from the Go types that are actually encoded and decoded, so
// that the document stays true to the wire.
var schemaTypes = map[string]reflect.Type{
	"Error":                   reflect.TypeFor[errorBody](),
	"Me":                      reflect.TypeFor[Me](),
	"Organization":            reflect.TypeFor[skillkeepr.Organization](),
	"OrganizationPatch":       reflect.TypeFor[OrganizationPatch](),
	"User":                    reflect.TypeFor[skillkeepr.User](),
	"UserList":                reflect.TypeFor[list[*skillkeepr.User]](),
	"UserPatch":               reflect.TypeFor[UserPatch](),
	"Invitation":              reflect.TypeFor[skillkeepr.Invitation](),
	"InvitationList":          reflect.TypeFor[list[*skillkeepr.Invitation]](),
	"InvitationCreate":        reflect.TypeFor[InvitationCreate](),
	"InvitationAccept":        reflect.TypeFor[InvitationAccept](),
	"Department":              reflect.TypeFor[skillkeepr.Department](),
	"DepartmentList":          reflect.TypeFor[list[*skillkeepr.Department]](),
	"DepartmentInput":         reflect.TypeFor[DepartmentInput](),
	"Job":                     reflect.TypeFor[skillkeepr.Job](),
	"JobList":                 reflect.TypeFor[list[*skillkeepr.Job]](),
	"JobCreate":               reflect.TypeFor[JobCreate](),
	"JobPatch":                reflect.TypeFor[JobPatch](),
	"JobRecruiters":           reflect.TypeFor[JobRecruiters](),
	"JobCollaborators":        reflect.TypeFor[JobCollaborators](),
	"Candidate":               reflect.TypeFor[skillkeepr.Candidate](),
	"CandidateRow":            reflect.TypeFor[skillkeepr.CandidateRow](),
	"CandidateRowList":        reflect.TypeFor[list[*skillkeepr.CandidateRow]](),
	"CandidateCreate":         reflect.TypeFor[CandidateCreate](),
	"CandidateCreateForm":     reflect.TypeFor[CandidateCreateForm](),
	"CandidateCreated":        reflect.TypeFor[CandidateCreated](),
	"CandidatePatch":          reflect.TypeFor[CandidatePatch](),
	"ResumeFile":              reflect.TypeFor[skillkeepr.ResumeFile](),
	"Event":                   reflect.TypeFor[skillkeepr.Event](),
	"EventList":               reflect.TypeFor[list[*skillkeepr.Event]](),
	"Application":             reflect.TypeFor[skillkeepr.Application](),
	"ApplicationStatusChange": reflect.TypeFor[ApplicationStatusChange](),
	"AuditEntry":              reflect.TypeFor[skillkeepr.AuditEntry](),
	"AuditEntryList":          reflect.TypeFor[list[*skillkeepr.AuditEntry]](),
	"DashboardRow":            reflect.TypeFor[DashboardRow](),
	"DashboardRowList":        reflect.TypeFor[list[*DashboardRow]](),
	"APIToken":                reflect.TypeFor[skillkeepr.APIToken](),
	"LeverPostingList":        reflect.TypeFor[list[skillkeepr.LeverPosting]](),
	"LeverJobDraft":           reflect.TypeFor[skillkeepr.LeverJobDraft](),
	"LeverJobImport":          reflect.TypeFor[LeverJobImport](),
	"LeverJobLink":            reflect.TypeFor[skillkeepr.LeverJobLink](),
	"LeverImportRun":          reflect.TypeFor[skillkeepr.LeverImportRun](),
	"LeverImportRunList":      reflect.TypeFor[list[*skillkeepr.LeverImportRun]](),
	"LeverStageMappingInput":  reflect.TypeFor[LeverStageMappingInput](),
	"APITokenList":            reflect.TypeFor[list[*skillkeepr.APIToken]](),
	"APITokenCreate":          reflect.TypeFor[APITokenCreate](),
	"APITokenCreated":         reflect.TypeFor[APITokenCreated](),
	// Collaboration.
	"Comment":                   reflect.TypeFor[skillkeepr.Comment](),
	"CommentList":               reflect.TypeFor[list[*skillkeepr.Comment]](),
	"CommentInput":              reflect.TypeFor[CommentInput](),
	"Notification":              reflect.TypeFor[skillkeepr.Notification](),
	"NotificationList":          reflect.TypeFor[list[*skillkeepr.Notification]](),
	"NotificationsMarked":       reflect.TypeFor[NotificationsMarked](),
	"NotificationSettings":      reflect.TypeFor[skillkeepr.NotificationSettings](),
	"NotificationSettingsInput": reflect.TypeFor[NotificationSettingsInput](),
	"UnreadCount":               reflect.TypeFor[UnreadCount](),

	// Fairness report, self-identification, language-model assist.
	"FairnessReport":     reflect.TypeFor[FairnessReport](),
	"SelfIDOptions":      reflect.TypeFor[SelfIDOptions](),
	"SelfIDOptionsInput": reflect.TypeFor[SelfIDOptionsInput](),
	"SelfIdentification": reflect.TypeFor[skillkeepr.SelfIdentification](),
	"WorkLocations":      reflect.TypeFor[WorkLocations](),
	"SelfIDRecord":       reflect.TypeFor[skillkeepr.SelfIDRecord](),
	"AssistSuggestion":   reflect.TypeFor[skillkeepr.AssistSuggestion](),
	// Shortlisting.
	"JobCriteria":         reflect.TypeFor[skillkeepr.JobCriteria](),
	"JobCriteriaList":     reflect.TypeFor[list[*skillkeepr.JobCriteria]](),
	"CriteriaUpdate":      reflect.TypeFor[CriteriaUpdate](),
	"Shortlist":           reflect.TypeFor[skillkeepr.Shortlist](),
	"ShortlistEntry":      reflect.TypeFor[skillkeepr.ShortlistEntry](),
	"ShortlistRequest":    reflect.TypeFor[ShortlistRequest](),
	"ApplicationList":     reflect.TypeFor[list[*skillkeepr.Application]](),
	"BlindReviewSetting":  reflect.TypeFor[BlindReviewSetting](),
	"NotFitRequest":       reflect.TypeFor[NotFitRequest](),
	"UnmaskRequest":       reflect.TypeFor[UnmaskRequest](),
	"CandidateResumeText": reflect.TypeFor[CandidateResumeText](),
	// Scheduling (issue #6).
	"InterviewPlan":            reflect.TypeFor[skillkeepr.InterviewPlan](),
	"InterviewPlanList":        reflect.TypeFor[list[*skillkeepr.InterviewPlan]](),
	"InterviewPlanInput":       reflect.TypeFor[InterviewPlanInput](),
	"Interview":                reflect.TypeFor[skillkeepr.Interview](),
	"InterviewList":            reflect.TypeFor[list[*skillkeepr.Interview]](),
	"InterviewBookingInput":    reflect.TypeFor[InterviewBookingInput](),
	"InterviewRescheduleInput": reflect.TypeFor[InterviewRescheduleInput](),
	"InterviewCancelInput":     reflect.TypeFor[InterviewCancelInput](),
	"FreeSlotList":             reflect.TypeFor[list[FreeSlot]](),
	"Availability":             reflect.TypeFor[skillkeepr.Availability](),
	"SchedulingLink":           reflect.TypeFor[skillkeepr.SchedulingLink](),
	"SchedulingLinkCreate":     reflect.TypeFor[SchedulingLinkCreate](),
	// Rating cards (issue #7).
	"RatingCardTemplate":       reflect.TypeFor[skillkeepr.RatingCardTemplate](),
	"RatingCardTemplateList":   reflect.TypeFor[list[*skillkeepr.RatingCardTemplate]](),
	"RatingCardTemplateCreate": reflect.TypeFor[RatingCardTemplateCreate](),
	"RatingCardTemplateUpdate": reflect.TypeFor[skillkeepr.RatingCardTemplateUpdate](),
	"Competency":               reflect.TypeFor[skillkeepr.Competency](),
	"RatingCard":               reflect.TypeFor[skillkeepr.RatingCard](),
	"RatingCardList":           reflect.TypeFor[list[*skillkeepr.RatingCard]](),
	"RatingCardSubmission":     reflect.TypeFor[skillkeepr.RatingCardSubmission](),
	"InterviewShortlist":       reflect.TypeFor[skillkeepr.InterviewShortlist](),
	"ShortlistRow":             reflect.TypeFor[skillkeepr.ShortlistRow](),
	"RatingSummary":            reflect.TypeFor[skillkeepr.RatingSummary](),
	"CompetencyAverage":        reflect.TypeFor[skillkeepr.CompetencyAverage](),
	"ShortlistNote":            reflect.TypeFor[ShortlistNote](),
	"AssistPanel":              reflect.TypeFor[assist.Panel](),
	// Push to Lever, the Lever connection and settings.
	"LeverPush":          reflect.TypeFor[skillkeepr.LeverPush](),
	"LeverPushDialog":    reflect.TypeFor[skillkeepr.LeverPushDialog](),
	"LeverPushInput":     reflect.TypeFor[LeverPushInput](),
	"LeverConnection":    reflect.TypeFor[skillkeepr.LeverConnection](),
	"LeverAPIKeyInput":   reflect.TypeFor[LeverAPIKeyInput](),
	"LeverWriteSettings": reflect.TypeFor[skillkeepr.LeverWriteSettings](),
}

// enumTypes are string types with a closed set of values.
var enumTypes = map[string]struct {
	t      reflect.Type
	values []string
}{
	"Role":              {reflect.TypeFor[skillkeepr.Role](), roleEnum()},
	"JobStatus":         {reflect.TypeFor[skillkeepr.JobStatus](), jobStatusEnum()},
	"ApplicationStatus": {reflect.TypeFor[skillkeepr.ApplicationStatus](), applicationStatusEnum()},
	"InterviewStatus":   {reflect.TypeFor[skillkeepr.InterviewStatus](), interviewStatusEnum()},
	"LeverPushState":    {reflect.TypeFor[skillkeepr.LeverPushState](), []string{"queued", "pushed", "failed", "paused"}},
	"LeverStatus":       {reflect.TypeFor[skillkeepr.LeverStatus](), []string{"connected", "revoked", "disconnected"}},
}

func roleEnum() []string { return stringsOf(skillkeepr.Roles) }
func jobStatusEnum() []string {
	return stringsOf([]skillkeepr.JobStatus{skillkeepr.JobDraft, skillkeepr.JobOpen, skillkeepr.JobClosed})
}
func applicationStatusEnum() []string { return stringsOf(skillkeepr.ApplicationStatuses) }

func stringsOf[S ~string](xs []S) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

var timeType = reflect.TypeFor[time.Time]()

// schemaNames maps each component type back to its name, for $refs.
var schemaNames = func() map[reflect.Type]string {
	m := map[reflect.Type]string{}
	for name, t := range schemaTypes {
		m[t] = name
	}
	for name, e := range enumTypes {
		m[e.t] = name
	}
	return m
}()

func ref(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }

// schemaOf returns the JSON schema of t; named component types other than
// the top one become $refs.
func schemaOf(t reflect.Type, top bool) map[string]any {
	if t.Kind() == reflect.Pointer {
		elem := t.Elem()
		s := schemaOf(elem, false)
		if elem.Kind() == reflect.Struct && elem != timeType {
			return s // pointers to objects are never sent as null
		}
		return nullable(s)
	}
	if name, ok := schemaNames[t]; ok && !top {
		return ref(name)
	}
	if e, ok := enumTypes[schemaNames[t]]; ok && e.t == t {
		return map[string]any{"type": "string", "enum": e.values}
	}
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int64, reflect.Uint64:
		return map[string]any{"type": "integer", "format": "int64"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), false)}
	case reflect.Map:
		s := map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem(), false)}
		if _, ok := enumTypes[schemaNames[t.Key()]]; ok {
			s["propertyNames"] = schemaOf(t.Key(), false)
		}
		return s
	case reflect.Struct:
		props := map[string]any{}
		var required []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" && opts == "" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			var ps map[string]any
			if f.Tag.Get("openapi") == "binary" {
				ps = map[string]any{"type": "string", "format": "binary"}
			} else {
				ps = schemaOf(f.Type, false)
			}
			props[name] = ps
			if !slices.Contains(strings.Split(opts, ","), "omitempty") {
				required = append(required, name)
			}
		}
		s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
		if len(required) > 0 {
			s["required"] = required
		}
		return s
	}
	return map[string]any{}
}

// nullable allows null besides s.
func nullable(s map[string]any) map[string]any {
	if typ, ok := s["type"].(string); ok && s["enum"] == nil {
		out := map[string]any{}
		for k, v := range s {
			out[k] = v
		}
		out["type"] = []string{typ, "null"}
		return out
	}
	return map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
}

// OpenAPI returns the OpenAPI 3.1 document of the routes.
func (a *API) OpenAPI() map[string]any {
	schemas := map[string]any{
		"OpenAPIDocument": map[string]any{"type": "object", "description": "An OpenAPI 3.1 document."},
	}
	for name, t := range schemaTypes {
		schemas[name] = schemaOf(t, true)
	}
	for name, e := range enumTypes {
		schemas[name] = map[string]any{"type": "string", "enum": e.values}
	}
	paths := map[string]any{}
	for _, rt := range a.routes {
		item, _ := paths[rt.Pattern].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[rt.Pattern] = item
		}
		item[strings.ToLower(rt.Method)] = operation(rt)
	}
	errResp := map[string]any{"description": "An error.",
		"content": map[string]any{"application/json": map[string]any{"schema": ref("Error")}}}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":   "SkillKeepr API",
			"version": "1",
			"description": "The JSON API of SkillKeepr. Authenticate with a personal API token " +
				"(Authorization: Bearer <token>) or a browser session. Errors are " +
				"{\"code\",\"message\",\"fields\"}; invalid input is 400, unknown or foreign ids 404. " +
				"Lists answer {\"data\",\"total\"} and page with offset and limit.",
		},
		"paths": paths,
		"components": map[string]any{
			"schemas":   schemas,
			"responses": map[string]any{"Error": errResp},
			"securitySchemes": map[string]any{
				"bearerAuth": map[string]any{"type": "http", "scheme": "bearer",
					"description": "A personal API token, created under Settings or with POST /api/v1/tokens."},
			},
		},
		"security": []any{map[string]any{"bearerAuth": []string{}}},
	}
}

// operation documents one route.
func operation(rt Route) map[string]any {
	op := map[string]any{
		"operationId": operationID(rt),
		"summary":     rt.Summary,
		"tags":        []string{rt.Tag},
	}
	var params []any
	for _, seg := range strings.Split(rt.Pattern, "/") {
		if strings.HasPrefix(seg, "{") {
			params = append(params, map[string]any{"name": strings.Trim(seg, "{}"), "in": "path", "required": true,
				"schema": map[string]any{"type": "integer", "format": "int64", "minimum": 1}})
		}
	}
	for _, p := range rt.Query {
		s := map[string]any{"type": p.Type}
		if p.Enum != nil {
			s["enum"] = p.Enum
		}
		params = append(params, map[string]any{"name": p.Name, "in": "query", "description": p.Description, "schema": s})
	}
	if params != nil {
		op["parameters"] = params
	}
	if rt.Request != "" || rt.Form != "" {
		content := map[string]any{}
		if rt.Request != "" {
			content["application/json"] = map[string]any{"schema": ref(rt.Request)}
		}
		if rt.Form != "" {
			content["multipart/form-data"] = map[string]any{"schema": ref(rt.Form)}
		}
		op["requestBody"] = map[string]any{"required": true, "content": content}
	}
	ok := map[string]any{"description": http.StatusText(rt.Status)}
	switch rt.Response {
	case "":
	case FileResponse:
		ok["content"] = map[string]any{"application/octet-stream": map[string]any{
			"schema": map[string]any{"type": "string", "format": "binary"}}}
	default:
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": ref(rt.Response)}}
	}
	errRef := map[string]any{"$ref": "#/components/responses/Error"}
	responses := map[string]any{strconv.Itoa(rt.Status): ok, "default": errRef}
	if rt.Request != "" || rt.Form != "" || rt.Query != nil {
		responses["400"] = errRef
	}
	if !rt.Public {
		responses["401"] = errRef
		responses["403"] = errRef
	}
	if strings.Contains(rt.Pattern, "{") {
		responses["404"] = errRef
	}
	if rt.Method != "GET" {
		responses["409"] = errRef
	}
	op["responses"] = responses
	if rt.Public {
		op["security"] = []any{}
	}
	return op
}

// operationID names an operation from its method and path, e.g.
// "get_jobs_id" for GET /api/v1/jobs/{id}.
func operationID(rt Route) string {
	p := strings.TrimPrefix(rt.Pattern, "/api/v1/")
	p = strings.NewReplacer("{", "", "}", "", "/", "_", ".", "_").Replace(p)
	return strings.ToLower(rt.Method) + "_" + p
}

func (a *API) getOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(a.openapi)
	return nil
}
