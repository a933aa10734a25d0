package match

import (
	"context"
	"slices"
	"testing"
)

func TestExtractHTMLAndRTF(t *testing.T) {
	tests := []struct {
		name, data, format string
		want               []string
	}{
		{"cv.html", `<!DOCTYPE html><html><head><title>CV</title><style>p{color:red}</style></head><body>
<h1>Zoë Ñúñez</h1><p>Senior engineer &amp; mentor</p><h2>Skills</h2><ul><li>Go</li><li>Kubernetes</li></ul>
<script>var x = "<p>no</p>";</script><table><tr><td>Acme</td><td>2019 &ndash; 2021</td></tr></table></body></html>`,
			"html", []string{"Zoë Ñúñez", "Senior engineer & mentor", "Skills", "• Go", "• Kubernetes", "Acme 2019 – 2021"}},
		{"cv.rtf", `{\rtf1\ansi\deff0{\fonttbl{\f0 Times;}}{\colortbl;\red0\green0\blue0;}{\*\generator Word;}
\pard Zo\'eb \u209?\'fa\u241?ez\par
Senior engineer \endash  Go, k8s\par
{\b Experience}\line Acme, Jan 2019\tab Present\par}`,
			"rtf", []string{"Zoë Ñúñez", "Senior engineer – Go, k8s", "Experience", "Acme, Jan 2019 Present"}},
	}
	for _, tt := range tests {
		txt, err := ExtractText(context.Background(), tt.name, []byte(tt.data), Limits{})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got []string
		for _, l := range txt.Lines {
			got = append(got, l.Text)
		}
		if txt.Format != tt.format || !slices.Equal(got, tt.want) {
			t.Errorf("%s: %s %q, want %s %q", tt.name, txt.Format, got, tt.format, tt.want)
		}
	}
}
