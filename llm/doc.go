// Package llm is the optional language-model assist: a small client for an
// OpenAI-compatible chat completions endpoint (POST {base}/chat/completions
// with response_format json_object), the schema its answers must satisfy,
// and the Assistant that turns a candidate's résumé and a job into a
// checked suggestion — skills with the résumé lines that support them and a
// short summary citing lines.
//
// It is off unless an operator sets a base URL and a model
// (SKILLKEEPR_LLM_BASE_URL, SKILLKEEPR_LLM_MODEL, optionally
// SKILLKEEPR_LLM_API_KEY). What it produces is a suggestion for a person to
// check: it is stored apart (assist_suggestions) and nothing reads it to
// score, rank or move a candidate.
//
// Privacy: only the résumé lines match allows as evidence are sent — the
// header block (name, contact details, address), references and any line
// with an email, phone number or link are left out (match.Profile.Body).
// The API key is never logged or shown.
//
// Trust: the answer is decoded strictly (no unknown fields) and validated
// against the schema in schema.go (required fields, types, lengths,
// enumerations); an answer that fails is refused whole, with a plain-words
// error, and never shown. A skill whose cited line does not hold the
// quoted words, or a sentence citing a line that was not sent, is dropped
// and counted.
package llm
