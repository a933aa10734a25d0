"""Parse .ics files with the Python icalendar library (an independent
parser) and print, per file, what it read as JSON on one line.

Used by ical/python_test.go; skipped there when icalendar is missing."""
import json
import sys
from datetime import timezone

import icalendar

for path in sys.argv[1:]:
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    out = {"file": path, "method": str(cal.get("METHOD")), "version": str(cal.get("VERSION")), "events": [], "tzids": []}
    for tz in cal.walk("VTIMEZONE"):
        out["tzids"].append(str(tz.get("TZID")))
    for ev in cal.walk("VEVENT"):
        start = ev.decoded("DTSTART")
        end = ev.decoded("DTEND")
        attendees = ev.get("ATTENDEE", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        out["events"].append({
            "uid": str(ev.get("UID")),
            "sequence": int(ev.get("SEQUENCE", 0)),
            "start": start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "end": end.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "summary": str(ev.get("SUMMARY", "")),
            "description": str(ev.get("DESCRIPTION", "")),
            "status": str(ev.get("STATUS", "")),
            "organizer": str(ev.get("ORGANIZER", "")),
            "organizer_cn": str(ev.get("ORGANIZER").params.get("CN", "")),
            "attendees": [str(a) for a in attendees],
            "attendee_cns": [str(a.params.get("CN", "")) for a in attendees],
        })
    print(json.dumps(out, ensure_ascii=False))
