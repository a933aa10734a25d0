// Package mail sends SkillKeepr's email: an SMTP implementation of
// skillkeepr.Mailer that builds proper MIME messages, and the email
// templates (embedded under templates/) that turn domain events into
// skillkeepr.EmailMessage values.
//
// Delivery is durable through the queue, which calls Send and retries
// temporary failures; IsPermanent tells it which failures retrying cannot
// fix. Errors returned by Send have a Permanent() bool method for that
// purpose, so the queue does not need to import this package.
package mail
