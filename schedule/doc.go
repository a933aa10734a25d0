// Package schedule finds free interview slots. It is pure: no storage, no
// clock of its own (Request.Now is injected), no I/O.
//
// # Model
//
// Every interviewer has an [Availability]: weekly hours in their own IANA time
// zone (several ranges per weekday), date overrides (a day off, replacement
// hours or extra hours on one local date), busy intervals (their existing
// interviews, as instants), a buffer kept free before and after each busy
// interval, a minimum notice and a daily cap on interviews counted per local
// day of the interviewer. [FindSlots] walks a grid (Request.From + k·Step)
// and returns, in start order, every slot of Request.Duration that is free
// for the whole panel, or — for a round-robin pool — for at least one member,
// choosing the least loaded free member.
//
// # Wall-clock hours and daylight saving
//
// Hours are wall-clock times, so 09:00–17:00 is 09:00–17:00 local on both
// sides of a change. The rule is one sentence and holds in every case:
//
//	an instant is working time when the interviewer's own clock, at that
//	instant, shows a date and a time of day inside that date's hours.
//
// Consequences, all deliberate and tested:
//   - Spring forward (gap): local times that do not exist contain no
//     instants. Hours 01:00–04:00 on a day whose clocks jump 02:00→03:00 are
//     two real hours (01:00–02:00 and 03:00–04:00, back to back); a range lying
//     entirely in the gap (02:15–02:45) is empty. Nothing is shifted to a
//     later time and nothing outside the hours is added.
//   - Fall back (repeated hour): both occurrences of a repeated local time
//     are working time, because the interviewer's clock shows an in-hours
//     time during both. Hours 00:00–03:00 on a day whose clocks go back
//     02:00→01:00 are four real hours. Slots are instants, so a slot at the
//     first 01:30 and one at the second 01:30 are two different slots, never
//     a duplicate; [GroupByDay] marks them Repeated so a page can show the
//     offset next to the time.
//   - Zones without daylight saving and with non-hour offsets (Asia/Kolkata,
//     +05:30) need nothing special; keep Step a divisor of the offsets you
//     care about (15 minutes fits every offset in use today) and From on such
//     a boundary, since the grid is anchored at From.
//
// Busy intervals, the window, Now and the returned slots are instants;
// their location is ignored on input and slots are returned in UTC.
//
// # What is not supported
//
// Hour ranges crossing midnight (write 22:00–24:00 and 00:00–02:00 on the
// next day instead; adjacent ranges join into one free stretch), recurring
// overrides, per-interviewer durations, travel time, and windows longer
// than [MaxWindow]. Booking, storage and the no-double-booking guarantee
// belong to the callers: a slot returned here is a proposal, not a hold.
//
// Time zone data is embedded (time/tzdata), so results do not depend on the
// host's zoneinfo files.
package schedule

import _ "time/tzdata" // zone data in the binary; results must not depend on the host.
