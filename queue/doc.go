// Package queue runs SkillKeepr's durable background work on River, in the
// same database as the business data (riverdatabasesql on PostgreSQL,
// riversqlite on SQLite).
//
// Domain code never sees River: a store inserts a skillkeepr.Task with
// EnqueueTx inside the transaction that causes it, so the work exists if and
// only if the change was committed (the transactional outbox). Workers run
// in any number of processes sharing one PostgreSQL database; nothing here
// keeps state that another process would need.
//
// Every job kind is one file: its River job arguments, how a domain task maps
// to them, and its worker. send_email.go is the first.
package queue
