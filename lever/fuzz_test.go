package lever

import (
	"encoding/json"
	"strconv"
	"testing"
)

// FuzzTolerantNumbers feeds arbitrary JSON to the tolerant decoders: they must never
// panic, and any number they accept must round-trip.
func FuzzTolerantNumbers(f *testing.F) {
	for _, s := range []string{
		`1468953420000`, `"1468953420000"`, `null`, `""`, `" 12 "`, `1.5e12`, `-1`, `"-0"`,
		`9223372036854775807`, `9223372036854775808`, `1e400`, `"NaN"`, `"Inf"`, `"0x10"`,
		`{}`, `[]`, `true`, `"\u0000"`, `"`, `-`, `1e-400`, `"+5"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var ts Timestamp
		if err := ts.UnmarshalJSON(b); err == nil && !ts.IsZero() {
			out, err := ts.MarshalJSON()
			if err != nil {
				t.Fatalf("marshal %v: %v", ts, err)
			}
			if _, err := strconv.ParseInt(string(out), 10, 64); err != nil {
				t.Fatalf("%q re-encoded as %q", b, out)
			}
		}
		var n Int64
		_ = n.UnmarshalJSON(b)
		var x Float64
		_ = x.UnmarshalJSON(b)
		var r Ref[User]
		_ = r.UnmarshalJSON(b)
		// Whole envelopes, too.
		_, _ = decodeOne(b, new(Opportunity))
		_, _, _ = decodePage[File](b)
		var o Opportunity
		_ = json.Unmarshal(b, &o)
	})
}
