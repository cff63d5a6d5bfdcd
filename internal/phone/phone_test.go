package phone

import (
	"strings"
	"testing"
)

func TestUKPlanAccepts(t *testing.T) {
	for _, tt := range []struct {
		number string
		use    Use
	}{
		{"999", Call}, {"112", Call}, {"111", Call}, {"101", Call}, {"119", Call},
		{"116 123", Call}, {"116123", Call}, {"116 111", Call},
		{"18000", Call}, {"18001 111", Call}, {"18001 0800 58 58 58", Call}, {"18001 116 123", Call},
		{"0113 496 0000", Call}, {"020 7946 0000", Call}, {"0300 123 3393", Call},
		{"0800 58 58 58", Call}, {"0800 1111", Call}, {"0808 808 4994", Call}, {"016977 4000", Call},
		{"07700 900000", Call}, {"07700 900000", Text}, {"0900 000 0000", Call},
		{"+44 113 496 0000", Call}, {"+44 800 58 58 58", Call}, {"+44 7700 900000", Text},
		{"+353 1 234 5678", Call},
		{"85258", Text}, {"60000", Text}, {"788 788", Text}, {"999", Text},
	} {
		if err := Check(tt.number, UK, tt.use); err != nil {
			t.Errorf("%q (use %d): %v", tt.number, tt.use, err)
		}
	}
}

// TestUKPlanRefuses: every input that is not a UK number, each with the
// reason its message must give.
func TestUKPlanRefuses(t *testing.T) {
	for _, tt := range []struct {
		number string
		use    Use
		want   string
	}{
		{"9", Call, "it is not a UK number: a UK number is 999, 112, 111"},
		{"9", Text, "it is not a UK number"},
		{"99", Call, "it is not a UK number"},
		{"1234", Call, "it is not a UK number"},
		{"0113 496 00", Call, "it has 9 digits: a UK number starting 01 has 10 or 11 digits, like 0113 496 0000"},
		{"0113 496 00000", Call, "it has 12 digits"},
		{"020 7946 000", Call, "it has 10 digits: a UK number starting 02 has 11 digits"},
		{"0800 58 58", Call, "it has 8 digits"},
		{"07700 90000", Text, "it has 10 digits: a UK number starting 07 has 11 digits"},
		{"0413 496 0000", Call, "UK numbers do not start 04"},
		{"0613 496 0000", Call, "UK numbers do not start 06"},
		{"00353 1 234 5678", Call, "instead of 00"},
		{"116", Call, "a 116 helpline number has six digits"},
		{"116 12", Call, "a 116 helpline number has six digits"},
		{"116 1234", Call, "a 116 helpline number has six digits"},
		{"18001", Call, "18001 is Relay UK's prefix"},
		{"18001 9", Call, "after the relay prefix 18001: it is not a UK number"},
		{"18001 85258", Call, "after the relay prefix 18001: 85258 is an SMS short code"},
		{"85258", Call, "85258 is an SMS short code: it can be texted, not called"},
		{"12345", Text, "it is not a UK number"},
		{"1234567", Text, "it is not a UK number"},
		{"+44 0113 496 0000", Call, "drop the 0 after +44: write +44 113 496 0000"},
		{"+44 113 496 00", Call, "after +44 comes the UK number without its first 0"},
		{"+44", Call, "write the number after +44"},
		{"+44 413 496 0000", Call, "UK numbers do not start 04"},
		{"+1 234", Call, "8 to 15 digits"},
		{"+1 234 567 890 123 456", Call, "8 to 15 digits"},
		{"nine nine nine", Call, "digits, single spaces and an optional leading +"},
		{"0113  496 0000", Call, "digits, single spaces"},
		{"0113-496-0000", Call, "digits, single spaces"},
		{"", Call, "digits, single spaces"},
	} {
		err := Check(tt.number, UK, tt.use)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q (use %d): %v; want an error containing %q", tt.number, tt.use, err, tt.want)
		}
	}
}

func TestAnyPlan(t *testing.T) {
	for _, n := range []string{"9", "0113 496 00", "85258", "+1 555 0100", "04 1234 5678"} {
		if err := Check(n, Any, Call); err != nil {
			t.Errorf("%q: %v", n, err)
		}
	}
	for _, n := range []string{"nine", "1-2", "", "+ 1"} {
		if Check(n, Any, Call) == nil {
			t.Errorf("%q: accepted", n)
		}
	}
}

func TestHref(t *testing.T) {
	for in, want := range map[string]string{"0800 58 58 58": "tel:0800585858", "+44 116 123": "tel:+44116123"} {
		if got := Href("tel", in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
