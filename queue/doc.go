// Package queue runs SkillKeepr's durable background work on River, in the
// same database as the business data (riverdatabasesql on PostgreSQL,
// riversqlite on SQLite).
//
// Domain code never sees River: a store inserts a skillkeepr.Task with
// EnqueueTx inside the transaction that causes it, so the work exists if and
// only if the change was committed (the transactional outbox). Jobs run at
// least once: a process that dies after the mail server accepted an email
// but before River recorded it may send that email again.
//
// Every job kind is one file: its River job arguments, how a domain task maps
// to them, and its worker: send_email.go delivers email; lever_health.go is
// a periodic job (every two minutes, on the leader) that calls a
// LeverHealthChecker so that access revoked in Lever is noticed when idle.
//
// Operations:
//
//   - PostgreSQL: any number of processes (serve, worker) share the
//     database. database/sql cannot LISTEN, so workers poll for new jobs
//     every Config.PollInterval (one second by default); River elects one
//     leader among them for maintenance (retries, clean-up, stuck jobs).
//     Migrate holds an advisory lock, so processes may start together.
//   - SQLite: one process; the *sql.DB has a single connection that River
//     shares with the web handlers. A job inserted in a transaction is seen
//     when the transaction commits (River's notification table, polled every
//     50 ms), and work never holds the connection while a worker runs.
//   - Failures: a temporary failure is retried with River's back-off
//     (attempt⁴ seconds, ten attempts, about five hours in all); a permanent
//     one — an error with a Permanent() bool method that returns true, or a
//     domain EINVALID error — cancels the job, with an error log.
//   - Shutdown: Stop lets running jobs finish until its context ends, then
//     cancels them; River puts them back without spending an attempt and
//     another process, or this one after a restart, runs them again.
package queue
