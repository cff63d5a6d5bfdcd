package offline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"regexp"
	"strconv"
)

// Icon is one entry of a web manifest's icons.
type Icon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose,omitempty"`
}

// WebManifest describes the site for "add to home screen".
type WebManifest struct {
	Name            string `json:"name"`
	ShortName       string `json:"short_name"`
	Lang            string `json:"lang"`
	StartURL        string `json:"start_url"`
	Scope           string `json:"scope"`
	Display         string `json:"display"`
	BackgroundColor string `json:"background_color"`
	ThemeColor      string `json:"theme_color"`
	Icons           []Icon `json:"icons"`
}

// JSON returns the manifest file's bytes.
func (w WebManifest) JSON() []byte {
	b, _ := json.MarshalIndent(w, "", "  ") // plain strings: cannot fail
	return append(b, '\n')
}

// DefaultBrand is the colour of generated icons when the stylesheet sets
// no --brand.
var DefaultBrand = color.NRGBA{0x00, 0x5e, 0xb8, 0xff}

var brandRE = regexp.MustCompile(`--brand:\s*#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b`)

// BrandColour finds the site's brand colour in its stylesheet: the last
// --brand custom property set to a hex colour (the site's assets/site.css
// comes after the built-in one, so it wins).
func BrandColour(css string) color.NRGBA {
	all := brandRE.FindAllStringSubmatch(css, -1)
	if len(all) == 0 {
		return DefaultBrand
	}
	h := all[len(all)-1][1]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	v, _ := strconv.ParseUint(h, 16, 32) // six hex digits, checked by the pattern
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

// Hex writes a colour as #rrggbb.
func Hex(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// IconPNG draws the default home-screen icon, size x size pixels: a white
// signpost (a pole with one sign pointing right and one pointing left) on
// the brand colour. The picture stays inside the middle 60%, so launchers
// that crop icons to a circle ("maskable") keep all of it. The PNG bytes
// depend only on the size and the colour.
func IconPNG(size int, brand color.NRGBA) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	n := float64(size)
	for y := range size {
		for x := range size {
			img.SetNRGBA(x, y, brand)
			if inSignpost((float64(x)+0.5)/n, (float64(y)+0.5)/n) {
				img.SetNRGBA(x, y, white)
			}
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img) // in-memory image to a buffer: cannot fail
	return b.Bytes()
}

// inSignpost is the icon's shape in unit coordinates (0..1, y down); the
// SVG icon draws the same shape.
func inSignpost(x, y float64) bool {
	pole := x >= 0.46 && x <= 0.54 && y >= 0.22 && y <= 0.80
	// Right-pointing sign: a box from 0.30 to 0.66 and a tip to 0.76.
	right := y >= 0.28 && y <= 0.42 && x >= 0.30 && (x <= 0.66 || x-0.66 <= 0.10*(1-math.Abs(y-0.35)/0.07))
	// Left-pointing sign: a box from 0.34 to 0.70 and a tip to 0.24.
	left := y >= 0.48 && y <= 0.62 && x <= 0.70 && (x >= 0.34 || 0.34-x <= 0.10*(1-math.Abs(y-0.55)/0.07))
	return pole || right || left
}

// IconSVG is the same signpost as IconPNG, as SVG.
func IconSVG(brand color.NRGBA) []byte {
	return []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="` + Hex(brand) + `"/>` +
		`<g fill="#fff"><rect x="46" y="22" width="8" height="58"/><path d="M30 28H66L76 35L66 42H30Z"/><path d="M70 48H34L24 55L34 62H70Z"/></g></svg>`)
}
