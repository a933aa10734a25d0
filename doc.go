// Package skillkeepr is the domain of SkillKeepr: organisations, users and
// their four roles, departments, jobs, candidates and applications, the audit
// log, the permission matrix and the error codes shared by every adapter.
//
// It imports only the standard library. Adapters (sqlstore, web, api, mail,
// queue, lever…) implement or consume the service interfaces declared here,
// and cmd/skillkeepr wires them together.
package skillkeepr
