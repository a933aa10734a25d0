// Package match turns résumé files into text, text into a profile, and a
// profile plus a job's criteria into a score with evidence. Everything here
// is pure: no storage, no network, no clock, no state that changes after
// the shipped skills vocabulary is loaded.
//
// # What is extracted
//
// [ExtractText] reads PDF, DOCX, RTF, HTML and plain-text résumés (UTF-8,
// UTF-16 with a byte-order mark, or Windows-1252 as a fallback) into numbered lines of
// normalised text: ligatures (ﬁ → fi), smart quotes, dashes, bullets and odd
// spaces are folded and blank lines dropped; line numbers are what evidence
// points at. PDF lines are rebuilt from glyph positions, and a two-column
// page is read left column first (a column of dates beside employers stays
// on their lines). [Extract] reads from those lines:
// contact details, section headings (English and a few other languages),
// skills from the shipped vocabulary (skills/*.txt, 1,600 skills with
// aliases) with the lines they were found on, job titles, employment
// periods in many date formats (merged so overlaps count once), degrees and
// spoken languages.
//
// Skill names that are also English words or single letters (Go, R, C,
// Swift, Excel, Word...) are marked "~" in the vocabulary and count only
// when written with their exact capitalisation and either standing alone
// as a list item on a Skills line or next to another, unambiguous skill
// ("Go, Docker"); once counted, their other capitalised mentions inside a
// sentence count too. So "ready to go live" and "Grade: C" are not skills.
// See [Vocabulary] and skills/README.txt.
//
// # What is never read by the score
//
// [Score] takes [Facts], not a [Profile]. Facts holds only skills,
// employment periods, job titles, degrees (level and subject, never the
// year), languages and the résumé lines that may be cited as evidence —
// without the header block (name, contact details, address), references,
// and any line holding an email, phone number or link. It has no field for
// the name, contact details, address or location of the person, gender or
// pronouns, age or date of birth, photo or graduation years, so the score
// cannot depend on them. Counterfactual tests (counterfactual_test.go) swap
// names, pronouns, addresses and graduation years and require identical
// scores, verdicts and evidence. A job's location criterion is judged only
// from [Facts.Availability], which a person records from the candidate's
// own answer, never from the résumé. Nothing here rejects anyone: verdicts
// and scores are evidence for a person who decides.
//
// # Limits
//
// [Limits] bounds the file size (10 MB), PDF pages (30), unpacked content
// (20 MB per DOCX, checked against the declared sizes and the bytes
// actually read; 20 MB of PDF page content, unpacked through a capped
// reader before the parser builds anything), extracted text (1 MB) and
// time per file (10 s). The PDF parser runs in its own goroutine with
// panics recovered; when the deadline passes the call returns at once and
// the abandoned parse stops at its next page. A parse that hangs inside one
// page keeps its goroutine until the process ends, so callers should bound
// how many files they read at once. Each refusal is an EINVALID
// [skillkeepr.Error] in plain words; [ReasonOf] tells the reasons apart, and
// a file without extractable text (a scanned PDF) is refused with [NoText],
// never guessed at.
//
// # Figures
//
//	go test ./match -run TestEvaluation -v          # nDCG@10, precision@10
//	go test ./match -run '^$' -bench . -cpu 1       # parse rate, ranking time, memory
//	go test ./match -run '^$' -fuzz FuzzExtractPDF  # also DOCX, Text, ParseDateRanges, ExtractProfile
//	go test ./match -run 'TestGolden|TestEvaluation' -update  # rewrite testdata
package match
