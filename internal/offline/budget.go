package offline

import "fmt"

// PageSize is what a page costs against the page budget: the gzip size of
// its HTML plus, when the stylesheet is linked rather than inlined, the
// gzip size of the stylesheet (first render needs both).
type PageSize struct {
	File   string // output file: about/index.html
	Source string // the site file it comes from; "" when signpost makes it
	Gzip   int
}

// KB formats a byte count for messages: "15.2 KB (15563 bytes)".
func KB(n int) string { return fmt.Sprintf("%.1f KB (%d bytes)", float64(n)/1024, n) }

// OverPage returns the pages over budget (bytes), in the order given.
func OverPage(pages []PageSize, budget int) []PageSize {
	var over []PageSize
	for _, p := range pages {
		if p.Gzip > budget {
			over = append(over, p)
		}
	}
	return over
}

// Largest returns the largest page, or a zero PageSize when there are none.
// Ties go to the first in the order given.
func Largest(pages []PageSize) PageSize {
	var big PageSize
	for _, p := range pages {
		if p.Gzip > big.Gzip {
			big = p
		}
	}
	return big
}
