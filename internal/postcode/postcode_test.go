package postcode

import (
	"testing"
)

func TestNormalise(t *testing.T) {
	tests := []struct {
		input string
		want  Postcode
	}{
		// Full postcodes, every outward shape.
		{"LS6 1AA", Postcode{"LS", "LS6", "LS6 1AA"}},
		{"ls61aa", Postcode{"LS", "LS6", "LS6 1AA"}},
		{" Ls6  1aa ", Postcode{"LS", "LS6", "LS6 1AA"}},
		{"M1 1AE", Postcode{"M", "M1", "M1 1AE"}},        // A9
		{"B33 8TH", Postcode{"B", "B33", "B33 8TH"}},     // A99
		{"CR2 6XH", Postcode{"CR", "CR2", "CR2 6XH"}},    // AA9
		{"DN55 1PT", Postcode{"DN", "DN55", "DN55 1PT"}}, // AA99
		{"W1A 0AX", Postcode{"W", "W1A", "W1A 0AX"}},     // A9A
		{"EC1A 1BB", Postcode{"EC", "EC1A", "EC1A 1BB"}}, // AA9A
		{"ec1a1bb", Postcode{"EC", "EC1A", "EC1A 1BB"}},
		{"\tLS6\n1AA\r", Postcode{"LS", "LS6", "LS6 1AA"}}, // other ASCII white space
		{"LS6\u00a01AA", Postcode{"LS", "LS6", "LS6 1AA"}}, // no-break space, from copy and paste
		{"\f\vBL0 9AA", Postcode{"BL", "BL0", "BL0 9AA"}},  // district 0
		{"SW1A2AA", Postcode{"SW", "SW1A", "SW1A 2AA"}},
		{"qv9 9zz", Postcode{"QV", "QV9", "QV9 9ZZ"}}, // unused letters: the shape is enough
		{"LS16 5AB", Postcode{"LS", "LS16", "LS16 5AB"}},
		{"ls165ab", Postcode{"LS", "LS16", "LS16 5AB"}},
		{"M11AE", Postcode{"M", "M1", "M1 1AE"}}, // not M11 AE
		{"m111ae", Postcode{"M", "M11", "M11 1AE"}},
		{"  w1a   0ax  ", Postcode{"W", "W1A", "W1A 0AX"}},
		{"E1W 1AA", Postcode{"E", "E1W", "E1W 1AA"}},
		{"n1c4ag", Postcode{"N", "N1C", "N1C 4AG"}},
		{"LS6", Postcode{"LS", "LS6", ""}}, // outward codes
		{"ls6", Postcode{"LS", "LS6", ""}},
		{"M1", Postcode{"M", "M1", ""}},
		{"EC1A", Postcode{"EC", "EC1A", ""}},
		{"W1A", Postcode{"W", "W1A", ""}},
		{"b33", Postcode{"B", "B33", ""}},
		{" Ls16 ", Postcode{"LS", "LS16", ""}},
		{"LS", Postcode{"LS", "", ""}}, // areas
		{"ls", Postcode{"LS", "", ""}},
		{"m", Postcode{"M", "", ""}},
	}
	for _, tt := range tests {
		got, err := Normalise(tt.input)
		if err != nil || got != tt.want {
			t.Errorf("Normalise(%q) = %+v, %v; want %+v", tt.input, got, err, tt.want)
		}
	}
}

// Every rule Normalise enforces, with the message a person sees.
func TestNormaliseErrors(t *testing.T) {
	const (
		empty    = "enter a postcode, like LS6 1AA; you can also enter just the first part, like LS6"
		notAlnum = "a postcode has only letters and numbers, like LS6 1AA; you can also enter just the first part, like LS6"
		shape    = "that does not look like a UK postcode: a postcode looks like LS6 1AA; you can also enter just the first part, like LS6"
		inward   = "the second part of a postcode is a number and two letters, like the 1AA in LS6 1AA; you can also enter just the first part, like LS6"
	)
	tests := []struct {
		input, msg string
	}{
		{"", empty},
		{"   ", empty},
		{"\t\u00a0", empty},
		{"LS6-1AA", notAlnum},
		{"LS6 1AA.", notAlnum},
		{"ＬＳ６", notAlnum},          // full-width letters
		{"LS6\u20031AA", notAlnum}, // an em space is not ignored
		{"\u212a1", notAlnum},      // Kelvin sign, which case-folds to K
		{"ſ1", notAlnum},           // long s, which upper-cases to S
		{"ı1", notAlnum},           // dotless i, which upper-cases to I
		{"LS6\x001AA", notAlnum},
		{"\xff", notAlnum},
		{"LS6 1A", inward}, // partial inward code
		{"LS6 1", inward},
		{"LS6 AAA", inward},  // inward code must start with a digit
		{"ls6 11a", inward},  // and end with two letters
		{"LS6 1AAA", inward}, // too long
		{"LS6 1A A", shape},  // spaces inside a part
		{"L S6 1AA", shape},
		{"LS 61AA", shape},
		{"LS 6", shape},
		{"LS61 AA", inward}, // LS61 is an outward code, so AA is read as the inward code
		{"LS6AA", shape},    // LS + 6AA: LS is not an outward code
		{"LSS6 1AA", shape}, // three letters
		{"LSS", shape},
		{"LSS6", shape},
		{"6LS", shape}, // starts with a digit
		{"6", shape},
		{"LS123", shape},    // outward too long
		{"EC1AB", shape},    // AA9AA
		{"W1AA", shape},     // A9AA
		{"GIR 0AA", shape},  // Girobank: not a place
		{"ASCN 1ZZ", shape}, // overseas territory
		{"BFPO 801", shape}, // forces post
		{"SAN TA1", shape},  // Father Christmas
		{"123456", shape},
		{"ABCDEFGH", shape},
	}
	for _, tt := range tests {
		got, err := Normalise(tt.input)
		if err == nil || err.Error() != tt.msg {
			t.Errorf("Normalise(%q) = %+v, %v; want error %q", tt.input, got, err, tt.msg)
		}
		if got != (Postcode{}) {
			t.Errorf("Normalise(%q) returned %+v with an error", tt.input, got)
		}
	}
}

func TestPostcodeString(t *testing.T) {
	tests := []struct {
		p    Postcode
		want string
	}{
		{Postcode{"LS", "LS6", "LS6 1AA"}, "LS6 1AA"},
		{Postcode{"LS", "LS6", ""}, "LS6"},
		{Postcode{"LS", "", ""}, "LS"},
		{Postcode{}, ""},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestParseArea(t *testing.T) {
	tests := []struct {
		input       string
		specificity int
	}{
		{"LS", 1},
		{"M", 1},
		{"LS6", 2},
		{"LS16", 2},
		{"M1", 2},
		{"B33", 2},
		{"W1", 2},
		{"BL0", 2},
		{"W1A", 3},
		{"EC1A", 3},
		{"E1W", 3},
	}
	for _, tt := range tests {
		a, err := ParseArea(tt.input)
		if err != nil {
			t.Errorf("ParseArea(%q): %v", tt.input, err)
			continue
		}
		if a.String() != tt.input || a.Specificity() != tt.specificity {
			t.Errorf("ParseArea(%q) = %q with specificity %d, want %q with %d", tt.input, a, a.Specificity(), tt.input, tt.specificity)
		}
	}
}

// Every rule ParseArea enforces, with the message an author sees.
func TestParseAreaErrors(t *testing.T) {
	tests := []struct {
		input, msg string
	}{
		{"", `area "" is empty; write a postcode area like "LS" or an outward code like "LS6"`},
		{"  ", `area "  " is empty; write a postcode area like "LS" or an outward code like "LS6"`},
		{"ls6", `area "ls6" must be in capitals; write "LS6"`},
		{"ls", `area "ls" must be in capitals; write "LS"`},
		{"Ls6", `area "Ls6" must be in capitals; write "LS6"`},
		{"ec1a", `area "ec1a" must be in capitals; write "EC1A"`},
		{" LS6", `area " LS6" has spaces around it; write "LS6"`},
		{"LS6 ", `area "LS6 " has spaces around it; write "LS6"`},
		{"\tls ", `area "\tls " has spaces around it; write "LS"`},
		{"LS 6", `area "LS 6" is not a postcode area like "LS" or an outward code like "LS6"`},
		{"LS6 1AA", `area "LS6 1AA" is a full postcode; write its first part, "LS6", to cover that district`},
		{"LS61AA", `area "LS61AA" is a full postcode; write its first part, "LS6", to cover that district`},
		{"ls6 1aa", `area "ls6 1aa" is a full postcode; write its first part, "LS6", to cover that district`},
		{"LSS", `area "LSS" is not a postcode area like "LS" or an outward code like "LS6"`},
		{"LS6A1", `area "LS6A1" is not a postcode area like "LS" or an outward code like "LS6"`},
		{"6", `area "6" is not a postcode area like "LS" or an outward code like "LS6"`},
		{"LS-6", `area "LS-6" is not a postcode area like "LS" or an outward code like "LS6"`},
		{"LS6 1", `area "LS6 1" is not a postcode area like "LS" or an outward code like "LS6"`},
		{"Leeds", `area "Leeds" is not a postcode area like "LS" or an outward code like "LS6"`},
		{"GIR 0AA", `area "GIR 0AA" is not a postcode area like "LS" or an outward code like "LS6"`},
	}
	for _, tt := range tests {
		a, err := ParseArea(tt.input)
		if err == nil || err.Error() != tt.msg {
			t.Errorf("ParseArea(%q) = %q, %v; want error %q", tt.input, a, err, tt.msg)
		}
		if a != (Area{}) {
			t.Errorf("ParseArea(%q) returned %q with an error", tt.input, a)
		}
	}
}

func TestCovers(t *testing.T) {
	tests := []struct {
		area, postcode string
		want           bool
	}{
		{"LS", "LS6 1AA", true},
		{"LS", "LS6", true},
		{"LS", "LS", true},
		{"LS", "L1 8JQ", false},
		{"L", "L1 8JQ", true},
		{"L", "LS6 1AA", false}, // L is Liverpool, not the start of LS
		{"LS6", "LS6 1AA", true},
		{"LS6", "LS6", true},
		{"LS6", "LS", false}, // only the area is known
		{"LS6", "LS16 5AB", false},
		{"LS1", "LS16 5AB", false},
		{"LS16", "LS16 5AB", true},
		{"LS6", "LS7 1AA", false},
		{"W1", "W1A 0AX", true}, // a district covers its sub-districts
		{"W1", "W1", true},
		{"W1", "W12 7RJ", false},
		{"W1", "W", false},
		{"E1", "E1W 1AA", true},
		{"W1A", "W1A 0AX", true},
		{"W1A", "W1B 1AA", false},
		{"W1A", "W1 1AA", false},
		{"EC1A", "EC1A 1BB", true},
		{"EC1", "EC1A 1BB", true},
		{"EC", "EC1A 1BB", true},
		{"EC1A", "EC1", false},
	}
	for _, tt := range tests {
		a, err := ParseArea(tt.area)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Normalise(tt.postcode)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Covers(p); got != tt.want {
			t.Errorf("Area %q Covers(%q) = %v, want %v", tt.area, tt.postcode, got, tt.want)
		}
	}
	var zero Area
	if zero.Covers(Postcode{}) || zero.Covers(Postcode{"LS", "LS6", "LS6 1AA"}) || zero.Specificity() != 0 {
		t.Error("the zero Area covers a postcode or has a specificity")
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		postcode string
		areas    []string
		best     string // "" for no match
	}{
		{"LS6 1AA", []string{"LS", "BD", "HG"}, "LS"},
		{"LS6 1AA", []string{"LS", "LS6"}, "LS6"},
		{"LS6 1AA", []string{"LS6", "LS"}, "LS6"},
		{"LS6 1AA", []string{"BD", "LS7", "LS16"}, ""},
		{"LS6", []string{"LS", "LS6"}, "LS6"},
		{"LS", []string{"LS6", "LS"}, "LS"},
		{"LS", []string{"LS6"}, ""},
		{"W1A 0AX", []string{"W", "W1", "W1A"}, "W1A"},
		{"W1A 0AX", []string{"W1A", "W1", "W"}, "W1A"},
		{"W1A 0AX", []string{"W", "W1"}, "W1"},
		{"EC1A 1BB", []string{"EC", "EC1", "EC1A"}, "EC1A"},
		{"EC1A 1BB", []string{"N", "EC"}, "EC"},
		{"M1 1AE", nil, ""},
	}
	for _, tt := range tests {
		p, err := Normalise(tt.postcode)
		if err != nil {
			t.Fatal(err)
		}
		var areas []Area
		for _, s := range tt.areas {
			a, err := ParseArea(s)
			if err != nil {
				t.Fatal(err)
			}
			areas = append(areas, a)
		}
		best, ok := Match(p, areas)
		if ok != (tt.best != "") || best.String() != tt.best {
			t.Errorf("Match(%q, %q) = %q, %v; want %q", tt.postcode, tt.areas, best, ok, tt.best)
		}
	}
}
