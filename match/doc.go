// Package match turns résumé files into text, text into a profile, and a
// profile plus a job's criteria into a score with evidence. Everything here
// is pure: no storage, no network, no clock, no globals that change.
//
// # What is extracted
//
// [ExtractText] reads PDF, DOCX and plain-text résumés (UTF-8, UTF-16 with a
// byte-order mark, or Windows-1252 as a fallback) into numbered lines of
// normalised text: ligatures (ﬁ → fi), smart quotes, dashes, bullets and
// odd spaces are folded, blank lines dropped; line numbers are what evidence
// points at. [Extract] reads from those lines: contact details, section
// headings, skills from the shipped vocabulary (skills/*.txt) with the lines
// they were found on, job titles, employment periods (merged so overlaps are
// not counted twice), degrees and spoken languages.
//
// # What is never read by the score
//
// [Score] takes a [Facts] value, not a [Profile]. Facts holds only skills,
// experience periods (durations, not dates of birth), job titles, degrees
// (level and subject, never the year) and languages, each with the résumé
// lines that prove it. It has no field for the name, email, phone, links,
// address or location of the person, gender or pronouns, age, date of birth,
// photo or graduation years, so the score cannot depend on them. Counterfactual
// tests (counterfactual_test.go) swap names, pronouns, addresses and
// graduation years and require identical scores and verdicts. A job's
// location criterion is judged only from what a person recorded about the
// candidate's availability (see [Availability]), never from the résumé's
// address. No function here rejects anyone: verdicts are evidence for a
// person who decides.
//
// # Limits
//
// [Limits] bounds file size (10 MB), PDF pages (30), decompressed DOCX bytes
// (20 MB, checked against both the declared sizes and the bytes actually
// read), extracted text (1 MB) and time per file (10 s). The PDF parser runs
// in its own goroutine with panics recovered; when the deadline passes the
// call returns at once and the abandoned parse stops at the next page
// boundary. Each refusal is an EINVALID [skillkeepr.Error] with a message in
// plain words; [ReasonOf] tells the reasons apart, and a file without
// extractable text (a scanned PDF) is refused with [NoText], never guessed at.
package match
