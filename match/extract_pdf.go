package match

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/ledongthuc/pdf"
)

// extractPDF reads the text of a PDF page by page. The parser runs in its
// own goroutine with panics recovered, so a hang on a hostile file can be
// abandoned when ctx ends; the goroutine then stops at the next page.
func extractPDF(ctx context.Context, data []byte, lim Limits) ([]string, int, error) {
	var (
		lines []string
		pages int
	)
	err := runAbandonable(ctx, func(ctx context.Context) error {
		var err error
		l, p, err := readPDF(ctx, data, lim)
		lines, pages = l, p
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return lines, pages, nil
}

// runAbandonable runs fn in its own goroutine, turning a panic into an
// error, and returns when fn does or when ctx ends, whichever is first. An
// abandoned fn keeps running until it next checks ctx; its results are
// dropped.
func runAbandonable(ctx context.Context, fn func(context.Context) error) error {
	done := make(chan error, 1)
	go func() {
		var err error
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("parser panic: %v", p)
			}
			done <- err
		}()
		err = fn(ctx)
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func readPDF(ctx context.Context, data []byte, lim Limits) ([]string, int, error) {
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, 0, err
	}
	if r == nil {
		return nil, 0, errors.New("pdf: no reader")
	}
	n := r.NumPage()
	if n > lim.MaxPages {
		return nil, n, refuse(TooManyPages, "The PDF has %d pages; at most %d are read. Please upload the résumé alone.", n, lim.MaxPages)
	}
	var lines []string
	size := 0
	budget := lim.MaxDecompressed
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return nil, n, err
		}
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		// Unpack the page's content once through a capped reader before the
		// parser builds its glyph list, so a compressed bomb is refused
		// before it fills memory.
		used, err := contentSize(p.V.Key("Contents"), budget)
		if errors.Is(err, errTooBig) {
			return nil, n, refuse(TooMuchContent, "The PDF unpacks to more than %s of page content, far more than a résumé. Please save it again (for example with “Print to PDF”) and upload it again.", sizeWords(lim.MaxDecompressed))
		}
		budget -= used
		var page []string
		func() {
			defer func() { _ = recover() }() // a damaged page is skipped, not the file
			page = pageLines(p.Content().Text)
		}()
		for _, l := range page {
			size += len(l) + 1
		}
		if size > 2*lim.MaxTextBytes {
			return nil, n, refuse(TooMuchContent, "The PDF holds far more text than a résumé. Please upload the résumé alone.")
		}
		lines = append(lines, page...)
	}
	return lines, n, nil
}

// contentSize reads a page's content streams (a stream or an array of
// them) through a capReader, failing with errTooBig past budget.
func contentSize(v pdf.Value, budget int64) (n int64, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pdf content: %v", p)
		}
	}()
	var streams []pdf.Value
	switch v.Kind() {
	case pdf.Stream:
		streams = []pdf.Value{v}
	case pdf.Array:
		for i := 0; i < v.Len() && i < 1000; i++ {
			streams = append(streams, v.Index(i))
		}
	}
	for _, s := range streams {
		if s.Kind() != pdf.Stream {
			continue
		}
		rc := s.Reader()
		cr := &capReader{r: rc, n: budget - n}
		k, err := io.Copy(io.Discard, cr)
		rc.Close()
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// glyph run on one row of a page.
type segment struct {
	x0, x1, y float64
	text      string
}

// pageLines rebuilds lines from positioned glyphs: glyphs are grouped into
// rows by their baseline, rows split into segments where the horizontal gap
// is wide, and when many rows split at the same x (a two-column layout) the
// left column is read before the right one.
func pageLines(glyphs []pdf.Text) []string {
	if len(glyphs) == 0 {
		return nil
	}
	gs := make([]pdf.Text, 0, len(glyphs))
	for _, g := range glyphs {
		if g.S != "" && !math.IsNaN(g.X) && !math.IsNaN(g.Y) && !math.IsInf(g.X, 0) && !math.IsInf(g.Y, 0) {
			gs = append(gs, g)
		}
	}
	slices.SortStableFunc(gs, func(a, b pdf.Text) int {
		if d := b.Y - a.Y; math.Abs(d) > 0.01 {
			if d > 0 {
				return 1
			}
			return -1
		}
		switch {
		case a.X < b.X:
			return -1
		case a.X > b.X:
			return 1
		}
		return 0
	})
	// Rows: glyphs within 40% of the font size of the row's first baseline.
	var rows [][]pdf.Text
	for i := 0; i < len(gs); {
		fs := max(gs[i].FontSize, 4)
		j := i + 1
		for j < len(gs) && math.Abs(gs[j].Y-gs[i].Y) <= 0.4*fs {
			j++
		}
		row := gs[i:j]
		slices.SortStableFunc(row, func(a, b pdf.Text) int {
			switch {
			case a.X < b.X:
				return -1
			case a.X > b.X:
				return 1
			}
			return 0
		})
		rows = append(rows, row)
		i = j
	}
	var segs [][]segment
	for _, row := range rows {
		segs = append(segs, rowSegments(row))
	}
	if gutter, ok := findGutter(segs); ok {
		var left, right []string
		for _, row := range segs {
			var l, r []string
			for _, s := range row {
				if s.x0 < gutter {
					l = append(l, s.text)
				} else {
					r = append(r, s.text)
				}
			}
			if len(l) > 0 {
				left = append(left, strings.Join(l, "  "))
			}
			if len(r) > 0 {
				right = append(right, strings.Join(r, "  "))
			}
		}
		return append(left, right...)
	}
	out := make([]string, 0, len(segs))
	for _, row := range segs {
		parts := make([]string, len(row))
		for i, s := range row {
			parts[i] = s.text
		}
		out = append(out, strings.Join(parts, "  "))
	}
	return out
}

func rowSegments(row []pdf.Text) []segment {
	var segs []segment
	var b strings.Builder
	cur := segment{x0: row[0].X, y: row[0].Y}
	prevEnd := row[0].X
	for i, g := range row {
		fs := max(g.FontSize, 4)
		gap := g.X - prevEnd
		if i > 0 {
			switch {
			case gap > 2.5*fs:
				cur.text = b.String()
				segs = append(segs, cur)
				b.Reset()
				cur = segment{x0: g.X, y: g.Y}
			case gap > 0.18*fs && !strings.HasSuffix(b.String(), " ") && !strings.HasPrefix(g.S, " "):
				b.WriteByte(' ')
			}
		}
		b.WriteString(g.S)
		w := g.W
		if w <= 0 {
			w = 0.5 * fs * float64(len([]rune(g.S)))
		}
		prevEnd = max(prevEnd, g.X+w)
		cur.x1 = prevEnd
	}
	cur.text = b.String()
	segs = append(segs, cur)
	return segs
}

// findGutter finds the x where a second column starts: the start of a
// segment that is not first on its row, shared (within 6 pt) by at least 4
// rows and a quarter of the rows that have text right of it, and crossed by
// at most one segment.
func findGutter(rows [][]segment) (float64, bool) {
	counts := map[int]int{}
	for _, row := range rows {
		for _, s := range row[1:] {
			counts[int(s.x0/6)]++
		}
	}
	best, bestN := 0, 0
	for k, n := range counts {
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	if bestN < 4 {
		return 0, false
	}
	g := float64(best) * 6
	crossing, rightRows := 0, 0
	for _, row := range rows {
		hasRight := false
		for _, s := range row {
			if s.x0 < g-1 && s.x1 > g+3 {
				crossing++
			}
			if s.x0 >= g-1 {
				hasRight = true
			}
		}
		if hasRight {
			rightRows++
		}
	}
	if crossing > 2 || bestN*4 < rightRows || rightRows < 4 {
		return 0, false
	}
	// A column of dates (or other short tabbed text) beside employers is a
	// table, not a second column: its rows belong together.
	right, dated := 0, 0
	for _, row := range rows {
		for _, s := range row {
			if s.x0 >= g-1 {
				right++
				if len(ParseDateRanges(s.text)) > 0 || len(s.text) < 12 {
					dated++
				}
			}
		}
	}
	if dated*2 >= right {
		return 0, false
	}
	return g - 1, true
}
