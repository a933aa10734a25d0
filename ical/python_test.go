package ical_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPythonIcalendarAcceptsOutput parses every golden file with the Python
// icalendar library (Debian package python3-icalendar), a parser that shares
// nothing with this package, and compares what it read with the events the
// goldens were made from. Skipped when the library is not installed.
func TestPythonIcalendarAcceptsOutput(t *testing.T) {
	t.Parallel()
	py := ""
	for _, cand := range []string{"/usr/bin/python3", "python3"} {
		if p, err := exec.LookPath(cand); err == nil && exec.Command(p, "-c", "import icalendar").Run() == nil {
			py = p
			break
		}
	}
	if py == "" {
		t.Skip("python3 with the icalendar library is not installed (apt-get install python3-icalendar)")
	}
	events := goldenEvents(t)
	args := []string{filepath.Join("testdata", "python", "check_ics.py")}
	for name := range events {
		args = append(args, filepath.Join("testdata", name+".golden.ics"))
	}
	cmd := exec.Command(py, args...)
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python icalendar refused our output: %v\n%s", err, stderr.String())
	}
	type pyEvent struct {
		UID, Start, End, Summary, Description, Status, Organizer string
		Sequence                                                 int
		OrganizerCN                                              string   `json:"organizer_cn"`
		Attendees                                                []string `json:"attendees"`
		AttendeeCNs                                              []string `json:"attendee_cns"`
	}
	type pyFile struct {
		File, Method, Version string
		TZIDs                 []string `json:"tzids"`
		Events                []pyEvent
	}
	seen := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var f pyFile
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatal(err)
		}
		seen++
		name := strings.TrimSuffix(filepath.Base(f.File), ".golden.ics")
		ev := events[name]
		if f.Method != string(ev.Method) || f.Version != "2.0" || len(f.Events) != 1 {
			t.Errorf("%s: method %q version %q events %d", name, f.Method, f.Version, len(f.Events))
			continue
		}
		if ev.TZID != "" && (len(f.TZIDs) != 1 || f.TZIDs[0] != ev.TZID) {
			t.Errorf("%s: VTIMEZONEs %v", name, f.TZIDs)
		}
		p := f.Events[0]
		wantStatus := "CONFIRMED"
		if ev.Method == "CANCEL" {
			wantStatus = "CANCELLED"
		}
		checks := []struct{ what, got, want string }{
			{"uid", p.UID, ev.UID},
			{"start", p.Start, ev.Start.UTC().Format(time.RFC3339)},
			{"end", p.End, ev.End.UTC().Format(time.RFC3339)},
			{"summary", p.Summary, ev.Summary},
			{"description", p.Description, ev.Description},
			{"status", p.Status, wantStatus},
			{"organizer", p.Organizer, "mailto:" + ev.Organizer.Email},
			{"organizer name", p.OrganizerCN, ev.Organizer.Name},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s: %s = %q, want %q", name, c.what, c.got, c.want)
			}
		}
		if p.Sequence != ev.Sequence || len(p.Attendees) != len(ev.Attendees) {
			t.Errorf("%s: sequence %d attendees %v", name, p.Sequence, p.Attendees)
			continue
		}
		for i, a := range ev.Attendees {
			if p.Attendees[i] != "mailto:"+a.Email || p.AttendeeCNs[i] != strings.ReplaceAll(a.Name, `"`, "'") {
				t.Errorf("%s: attendee %d = %q %q", name, i, p.AttendeeCNs[i], p.Attendees[i])
			}
		}
	}
	if seen != len(events) {
		t.Errorf("python read %d files, want %d", seen, len(events))
	}
}
