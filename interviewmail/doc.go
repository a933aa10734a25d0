// Package interviewmail writes the scheduling emails: the invitation to
// pick a time (with a signed self-scheduling link), confirmations,
// reschedules, cancellations, reminders and interviewer notifications, each
// from the organisation's template (or the shipped default) and, for
// changes of an interview, with an iCalendar invite attached
// (METHOD:REQUEST, or METHOD:CANCEL; same UID, SEQUENCE from the store).
//
// Notifier is the queue's InterviewNotifier: for every change it loads the
// interview, renders the emails and queues them through the store's email
// log, so that each one appears on the candidate's timeline with its
// delivery state. A reminder whose SEQUENCE is no longer the interview's,
// or for an interview that is no longer scheduled, sends nothing — that is
// how moving or cancelling an interview withdraws its reminders.
//
// Links makes and checks the signed links candidates use (package secret's
// Signer): /schedule/{token} books with a scheduling link, and
// /schedule/manage/{token} reschedules or cancels an interview.
package interviewmail
