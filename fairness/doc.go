// Package fairness computes the fairness report of a job's shortlist step:
// per voluntarily self-identified group, how many candidates were
// considered and shortlisted, the selection rate, the impact ratio against
// the group with the highest rate, and whether that ratio is below four
// fifths (the "four-fifths rule" of the US Uniform Guidelines on Employee
// Selection Procedures, used here as a warning light, not a verdict).
//
// It is pure: it reads skillkeepr.FairnessRow values, which carry an
// application's status and the candidate's answers and nothing that names
// a person, and returns counts. Groups with fewer than MinGroupSize
// candidates are suppressed — shown as "fewer than 5", never as numbers,
// and never used as the reference group — so that the report cannot point
// at one person. "Prefer not to say" and "not answered" are reported on
// their own rows and are not compared. When exactly one row is hidden, the
// smallest shown row is hidden too, so that subtracting the shown rows from
// the job's totals cannot reveal it.
//
// What counts as shortlisted is decided by Outcome; see its comment and
// docs/fairness.md.
//
//	go test ./fairness -run TestGolden -update   # rewrite testdata/*.golden
package fairness
