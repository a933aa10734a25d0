package match

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
)

// errTooBig is returned by capReader past its limit.
var errTooBig = errors.New("decompressed size over the limit")

// capReader fails once more than n bytes have been read through it, so a
// zip entry whose declared size lies is still cut off.
type capReader struct {
	r io.Reader
	n int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		// One more byte tells a file of exactly n bytes from a longer one.
		var one [1]byte
		k, err := c.r.Read(one[:])
		if k > 0 {
			return 0, errTooBig
		}
		return 0, err
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	k, err := c.r.Read(p)
	c.n -= int64(k)
	return k, err
}

// extractDOCX reads the headers, body and footers of a Word document.
// Paragraphs, line breaks and table cells become lines; list items get a
// bullet.
func extractDOCX(ctx context.Context, data []byte, lim Limits) ([]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	tooBig := refuse(TooMuchContent, "The Word document unpacks to more than %s, far more than a résumé. Please save it again without embedded files and upload it again.", sizeWords(lim.MaxDecompressed))
	var parts []*zip.File
	var body *zip.File
	for _, f := range zr.File {
		switch {
		case f.Name == "word/document.xml":
			body = f
		case strings.HasPrefix(f.Name, "word/header") && strings.HasSuffix(f.Name, ".xml"),
			strings.HasPrefix(f.Name, "word/footer") && strings.HasSuffix(f.Name, ".xml"):
			parts = append(parts, f)
		}
	}
	if body == nil {
		return nil, errors.New("docx: no word/document.xml")
	}
	slices.SortFunc(parts, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	// Headers first (contact details usually live there), then the body,
	// then footers.
	var order []*zip.File
	for _, f := range parts {
		if strings.HasPrefix(f.Name, "word/header") {
			order = append(order, f)
		}
	}
	order = append(order, body)
	for _, f := range parts {
		if strings.HasPrefix(f.Name, "word/footer") {
			order = append(order, f)
		}
	}
	budget := lim.MaxDecompressed
	var declared uint64
	for _, f := range order {
		declared += f.UncompressedSize64
	}
	if declared > uint64(budget) {
		return nil, tooBig
	}
	var lines []string
	for _, f := range order {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rc, err := f.Open()
		if err != nil {
			if f == body {
				return nil, err
			}
			continue
		}
		cr := &capReader{r: rc, n: budget}
		ls, err := docxLines(ctx, cr)
		rc.Close()
		budget = cr.n
		if errors.Is(err, errTooBig) {
			return nil, tooBig
		}
		if err != nil {
			if f == body {
				return nil, err
			}
			continue
		}
		lines = append(lines, ls...)
	}
	return lines, nil
}

func docxLines(ctx context.Context, r io.Reader) ([]string, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	var lines []string
	var cur strings.Builder
	inText, inCell := false, false
	var cellText []string
	var rowCells [][]string
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			if inCell {
				cellText = append(cellText, s)
			} else {
				lines = append(lines, cur.String())
			}
		}
		cur.Reset()
	}
	tokens := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if tokens++; tokens%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab", "ptab":
				cur.WriteByte('\t')
			case "br", "cr":
				flush()
			case "numPr":
				if cur.Len() == 0 {
					cur.WriteString("• ")
				}
			case "tc":
				inCell = true
				cellText = cellText[:0]
			case "tr":
				rowCells = rowCells[:0]
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				flush()
			case "tc":
				flush()
				inCell = false
				if len(cellText) > 0 {
					rowCells = append(rowCells, slices.Clone(cellText))
				}
			case "tr":
				lines = append(lines, rowLines(rowCells)...)
				rowCells = rowCells[:0]
			}
		case xml.CharData:
			if inText {
				cur.Write(t)
			}
		}
	}
	flush()
	return lines, nil
}

// rowLines turns a table row into lines. A row of short cells is one line
// ("Acme Ltd  2019 – 2021"); a row with a long cell (a résumé laid out in a
// table) keeps each paragraph on its own line, cell after cell.
func rowLines(cells [][]string) []string {
	short := true
	for _, c := range cells {
		if len(c) > 2 {
			short = false
		}
	}
	var out []string
	if short {
		parts := make([]string, 0, len(cells))
		for _, c := range cells {
			parts = append(parts, strings.Join(c, " "))
		}
		if len(parts) > 0 {
			out = append(out, strings.Join(parts, "  "))
		}
		return out
	}
	for _, c := range cells {
		out = append(out, c...)
	}
	return out
}
