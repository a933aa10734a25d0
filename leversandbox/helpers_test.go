package leversandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// apiClient calls the sandbox over real HTTP, as SkillKeepr's client will.
type apiClient struct {
	t      testing.TB
	base   string
	key    string // API key (HTTP Basic) ...
	bearer string // ... or OAuth access token
	hc     *http.Client
}

func newKeyClient(t testing.TB, base string) *apiClient {
	return &apiClient{t: t, base: base, key: DefaultAPIKey, hc: &http.Client{Timeout: 10 * time.Second}}
}

func (c *apiClient) do(method, path string, body any) (int, []byte) {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.key != "" {
		req.SetBasicAuth(c.key, "")
	}
	if c.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp.StatusCode, b
}

// mustJSON calls and decodes, failing the test unless the status is want.
func (c *apiClient) mustJSON(method, path string, body any, want int, out any) {
	c.t.Helper()
	st, b := c.do(method, path, body)
	if st != want {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, st, want, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			c.t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
}

// recordingsDir finds shared/lever-recorded by walking up from the working
// directory; tests that need it skip when it is absent (e.g. outside the workplace).
func recordingsDir(t testing.TB) string {
	t.Helper()
	dir := findRecordings()
	if dir == "" {
		t.Skip("shared/lever-recorded not found; skipping conformance against recordings")
	}
	return dir
}

func findRecordings() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, "shared", "lever-recorded")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

type recording struct {
	Request struct {
		Method string          `json:"method"`
		Query  map[string]any  `json:"query"`
		Body   json.RawMessage `json:"body"`
	} `json:"request"`
	Response struct {
		Status *int            `json:"status"`
		Body   json.RawMessage `json:"body"`
	} `json:"response"`
}

func loadRecording(t testing.TB, dir, name string) recording {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatalf("recording %s: %v", name, err)
	}
	var r recording
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("recording %s: %v", name, err)
	}
	return r
}

// shape is a structural schema inferred from one or more recorded examples:
// JSON kind, whether null was seen, which keys every example had, element shape.
type shape struct {
	kinds    map[string]bool // "null", "bool", "number", "string", "object", "array"
	props    map[string]*shape
	seen     map[string]int // how many object examples had the key
	objects  int
	elements *shape
}

func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case float64, json.Number:
		return "number"
	case string:
		return "string"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return "?"
}

func (s *shape) add(v any) {
	if s.kinds == nil {
		s.kinds = map[string]bool{}
	}
	s.kinds[kindOf(v)] = true
	switch x := v.(type) {
	case map[string]any:
		if s.props == nil {
			s.props, s.seen = map[string]*shape{}, map[string]int{}
		}
		s.objects++
		for k, e := range x {
			if s.props[k] == nil {
				s.props[k] = &shape{}
			}
			s.props[k].add(e)
			s.seen[k]++
		}
	case []any:
		for _, e := range x {
			if s.elements == nil {
				s.elements = &shape{}
			}
			s.elements.add(e)
		}
	}
}

// compareShape lists the structural differences of got against the recorded
// shape. Values may differ; keys, kinds, nullability and wrapping may not.
// loose lists paths (e.g. "data.archived") where null or a missing/extra key is accepted.
func compareShape(path string, want *shape, got any, loose map[string]bool) []string {
	k := kindOf(got)
	if want == nil || loose[path+"!"] {
		return nil
	}
	onlyNull := len(want.kinds) == 1 && want.kinds["null"]
	if onlyNull {
		return nil // the recording only shows the field is nullable
	}
	if k == "null" {
		if want.kinds["null"] || loose[path] {
			return nil
		}
		return []string{path + ": null, recorded never null"}
	}
	if !want.kinds[k] {
		var ks []string
		for x := range want.kinds {
			ks = append(ks, x)
		}
		sort.Strings(ks)
		return []string{path + ": " + k + ", recorded " + strings.Join(ks, "|")}
	}
	var diffs []string
	switch x := got.(type) {
	case map[string]any:
		for key, ps := range want.props {
			if _, ok := x[key]; !ok && want.seen[key] == want.objects && !loose[path+"."+key] {
				diffs = append(diffs, path+"."+key+": missing")
			}
			_ = ps
		}
		keys := make([]string, 0, len(x))
		for key := range x {
			keys = append(keys, key)
		}
		sort.Strings(keys)
		for _, key := range keys {
			if want.props[key] == nil {
				if !loose[path+"."+key] {
					diffs = append(diffs, path+"."+key+": not in the recording")
				}
				continue
			}
			diffs = append(diffs, compareShape(path+"."+key, want.props[key], x[key], loose)...)
		}
	case []any:
		for _, e := range x {
			diffs = append(diffs, compareShape(path+"[]", want.elements, e, loose)...)
			if len(diffs) > 20 {
				break
			}
		}
	}
	return diffs
}

func shapeOf(raw ...json.RawMessage) *shape {
	s := &shape{}
	for _, r := range raw {
		var v any
		if err := json.Unmarshal(r, &v); err != nil {
			panic(err)
		}
		s.add(v)
	}
	return s
}

func looseSet(paths ...string) map[string]bool {
	m := map[string]bool{}
	for _, p := range paths {
		m[p] = true
	}
	return m
}
