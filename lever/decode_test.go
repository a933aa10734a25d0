package lever

import (
	"encoding/json"
	"testing"
	"time"
)

func TestTimestampDecoding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    int64 // ms; 0 = zero time
		wantErr bool
	}{
		{`1468953420000`, 1468953420000, false},
		{`"1468953420000"`, 1468953420000, false},
		{`" 147193420000 "`, 147193420000, false},
		{`null`, 0, false},
		{`""`, 0, false},
		{`1.4689534200e12`, 1468953420000, false},
		{`"abc"`, 0, true},
		{`true`, 0, true},
		{`{}`, 0, true},
		{`1e40`, 0, true},
	}
	for _, tt := range tests {
		var ts Timestamp
		err := json.Unmarshal([]byte(tt.in), &ts)
		if (err != nil) != tt.wantErr {
			t.Errorf("%s: err = %v", tt.in, err)
			continue
		}
		if err == nil && ts.Millis() != tt.want {
			t.Errorf("%s: %d, want %d", tt.in, ts.Millis(), tt.want)
		}
	}
	b, _ := json.Marshal(struct{ A, B Timestamp }{TimestampOf(time.UnixMilli(1700000000123)), Timestamp{}})
	if string(b) != `{"A":1700000000123,"B":null}` {
		t.Errorf("marshal: %s", b)
	}
}

func TestEnvelopes(t *testing.T) {
	t.Parallel()
	one := []struct {
		name, body string
	}{
		{"wrapped", `{"data":{"id":"x"}}`},
		{"bare", `{"id":"x","type":"interview"}`},
		{"double", `{"data":{"data":{"id":"x"}}}`},
		{"double list of one", `{"data":{"data":[{"id":"x"}],"hasNext":false}}`},
		{"deduped", `{"deduped":false,"data":{"id":"x"}}`},
		{"bare with data key", `{"id":"x","data":{"id":"y"}}`},
	}
	for _, tt := range one {
		var v struct{ ID string }
		if _, err := decodeOne([]byte(tt.body), &v); err != nil || v.ID != "x" {
			t.Errorf("decodeOne %s: %+v %v", tt.name, v, err)
		}
	}
	lists := []struct {
		name, body string
		n          int
		hasNext    bool
		next       string
	}{
		{"wrapped", `{"data":[{"id":"a"},{"id":"b"}],"hasNext":true,"next":"%5B1%5D"}`, 2, true, "%5B1%5D"},
		{"bare array", `[{"id":"a"}]`, 1, false, ""},
		{"no hasNext", `{"data":[{"id":"a"}]}`, 1, false, ""},
		{"single object", `{"data":{"id":"a"}}`, 1, false, ""},
		{"null data", `{"data":null,"hasNext":false}`, 0, false, ""},
		{"double", `{"data":{"data":[{"id":"a"}],"hasNext":false}}`, 1, false, ""},
	}
	for _, tt := range lists {
		items, env, err := decodePage[struct{ ID string }]([]byte(tt.body))
		if err != nil || len(items) != tt.n || env.hasNext != tt.hasNext || env.next != tt.next {
			t.Errorf("decodePage %s: %v %+v %v", tt.name, items, env, err)
		}
	}
}

func TestTolerantObjects(t *testing.T) {
	t.Parallel()
	var o Opportunity
	body := `{"id":"o","archivedAt":1407460080914,"archiveReason":"r1","resume":null,"stage":{"id":"s1","text":"Screen"},
		"owner":{"id":"u1","name":"Owner"},"applications":["a1",{"id":"a2","type":"posting"}],"urls":null,"newKey":{"x":1}}`
	if err := json.Unmarshal([]byte(body), &o); err != nil {
		t.Fatal(err)
	}
	if !o.IsArchived() || o.Archived.Reason != "r1" || o.Archived.ArchivedAt.Millis() != 1407460080914 {
		t.Errorf("legacy archive keys not folded: %+v", o.Archived)
	}
	if o.Stage.ID != "s1" || o.Stage.Object == nil || o.Stage.Object.Text != "Screen" || o.Owner.Object.Name != "Owner" {
		t.Errorf("expanded refs: %+v %+v", o.Stage, o.Owner)
	}
	if len(o.Applications) != 2 || o.Applications[0].ID != "a1" || o.Applications[1].Object.Type != "posting" {
		t.Errorf("applications: %+v", o.Applications)
	}
	var p Posting
	if err := json.Unmarshal([]byte(`{"id":"p","distributionChannels":null,"urls":null,"reqCode":null,"salaryRange":{"min":"40000","max":80000.5}}`), &p); err != nil {
		t.Fatal(err)
	}
	if p.DistributionChannels != nil || p.URLs != nil || p.SalaryRange.Min != 40000 || p.SalaryRange.Max != 80000.5 {
		t.Errorf("posting: %+v", p)
	}
	var f File
	if err := json.Unmarshal([]byte(`{"id":"f","size":"1000","uploadedAt":"1468953420000"}`), &f); err != nil || f.Size != 1000 || f.UploadedAt.IsZero() {
		t.Errorf("file: %+v %v", f, err)
	}
	var fb Feedback
	if err := json.Unmarshal([]byte(`{"id":"f","userId":"u9","profileId":"o1","fields":[{"type":"score","value":"3 - Hire"}]}`), &fb); err != nil || fb.User != "u9" {
		t.Errorf("feedback update shape: %+v %v", fb, err)
	}
}
