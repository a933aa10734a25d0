module github.com/skillkeepr/skillkeepr

go 1.26.0

require (
	codeberg.org/go-pdf/fpdf v0.12.0
	golang.org/x/crypto v0.59.0
	golang.org/x/time v0.16.0
)

require golang.org/x/sys v0.50.0 // indirect
