// Package phone checks the phone numbers content gives (a service's phone
// and text contacts, an outcome's call, the emergency banner's phone)
// against a numbering plan, and turns a readable number into the digits
// of a tel: or sms: link.
//
// # The UK plan (the default)
//
// Following Ofcom's National Telephone Numbering Plan, a number is one of:
//
//	999, 112                 emergency
//	111, 101, 105, 119       NHS 111, police non-emergency, power cut, NHS services
//	116 xxx                  harmonised European helplines (116 123 Samaritans)
//	18000                    the Relay UK emergency text relay
//	18001 <number>           Relay UK's prefix before any number above or below
//	0 + 9 or 10 digits       a full national number: 01 and 02 (geographic),
//	                         03, 05, 07, 08 and 09; 02, 03, 05, 07 and 09 have
//	                         11 digits, 01 and 08 10 or 11 (0800 1111, Childline,
//	                         is the one 8-digit exception)
//	+44 ...                  the same full number without its 0
//	+<country> ...           a number outside the UK, 8 to 15 digits (E.164)
//	5 or 6 digits from 6-8   SMS short codes (85258 Shout), for text only
//
// Anything else ("9", "0113 496 00", "04...") is an error that says what a
// UK number looks like. A site outside the UK sets phone_numbers = "any" in
// site.toml: then a number need only be digits, single spaces and an
// optional leading +.
//
// This package knows numbers, not content: which key holds a number, and
// the words of the message around the reason, belong to its callers.
package phone

import (
	"fmt"
	"regexp"
	"strings"
)

// Plan is the numbering plan numbers are checked against.
type Plan string

// The plans; the zero Plan is UK.
const (
	UK  Plan = "uk"
	Any Plan = "any"
)

// Plans lists the plans site.toml accepts.
var Plans = []Plan{UK, Any}

// Use is what the number is for: calling it, or texting it.
type Use int

// The uses.
const (
	Call Use = iota
	Text
)

var formRE = regexp.MustCompile(`^\+?[0-9]( ?[0-9])*$`)

// ValidForm reports whether s is digits with single spaces and an optional
// leading +, the form every plan needs.
func ValidForm(s string) bool { return formRE.MatchString(s) }

// Href turns a readable number ("0800 58 58 58", "+44 116 123") into the
// link scheme:digits, keeping a leading +.
func Href(scheme, number string) string {
	var b strings.Builder
	b.WriteString(scheme)
	b.WriteByte(':')
	for i, r := range number {
		if r >= '0' && r <= '9' || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

const formHint = `digits, single spaces and an optional leading +, like "116 123"`

// ukHint is what a UK number looks like, for messages.
const ukHint = `a UK number is 999, 112, 111, a 116 xxx helpline or a full number of 10 or 11 digits starting 0 (like 0113 496 0000) or +44; for a site outside the UK set phone_numbers = "any" in site.toml`

// Check says why number cannot be used as the plan has it, or returns
// nil. The reason is a phrase to follow the caller's naming of the number
// ("call \"9\" is not a phone number: " + reason).
func Check(number string, plan Plan, use Use) error {
	if !ValidForm(number) {
		return fmt.Errorf("it must be %s", formHint)
	}
	if plan == Any {
		return nil
	}
	digits := strings.ReplaceAll(number, " ", "")
	if strings.HasPrefix(digits, "+") {
		return international(digits[1:], number)
	}
	if strings.HasPrefix(digits, "18001") && len(digits) > 5 {
		// Relay UK: the prefix, then the number the relay calls.
		if err := Check(strings.TrimSpace(number[len(relayPrefix(number)):]), plan, Call); err != nil {
			return fmt.Errorf("after the relay prefix 18001: %w", err)
		}
		return nil
	}
	switch digits {
	case "999", "112", "111", "101", "105", "119", "18000":
		return nil
	case "18001":
		return fmt.Errorf(`18001 is Relay UK's prefix: write the number to call after it, like "18001 0800 58 58 58"`)
	case "08001111": // Childline
		return nil
	}
	switch {
	case strings.HasPrefix(digits, "116"):
		if len(digits) != 6 {
			return fmt.Errorf(`a 116 helpline number has six digits, like "116 123"`)
		}
		return nil
	case strings.HasPrefix(digits, "00"):
		return fmt.Errorf(`write a number outside the UK with + and its country code instead of 00, like "+353 1 234 5678"`)
	case strings.HasPrefix(digits, "0"):
		return national(digits)
	case (len(digits) == 5 || len(digits) == 6) && digits[0] >= '6' && digits[0] <= '8':
		if use == Call {
			return fmt.Errorf("%s is an SMS short code: it can be texted, not called; make it a text contact (mode = \"text\")", number)
		}
		return nil
	}
	return fmt.Errorf("it is not a UK number: %s", ukHint)
}

// relayPrefix is number's "18001" prefix as written, with any space after it.
func relayPrefix(number string) string {
	n := 0
	for i, r := range number {
		if r >= '0' && r <= '9' {
			n++
		}
		if n == 5 {
			return number[:i+1]
		}
	}
	return number
}

// national checks a full number with its leading 0.
func national(digits string) error {
	n := len(digits)
	var lengths []int
	switch digits[1] {
	case '1', '8':
		lengths = []int{10, 11}
	case '2', '3', '5', '7', '9':
		lengths = []int{11}
	default:
		return fmt.Errorf("UK numbers do not start 0%c: %s", digits[1], ukHint)
	}
	for _, l := range lengths {
		if n == l {
			return nil
		}
	}
	want := "11 digits"
	if len(lengths) == 2 {
		want = "10 or 11 digits"
	}
	return fmt.Errorf("it has %d digits: a UK number starting 0%c has %s, like %s; check for a missing or extra digit", n, digits[1], want, example(digits[1]))
}

func example(second byte) string {
	switch second {
	case '1':
		return "0113 496 0000"
	case '2':
		return "020 7946 0000"
	case '3':
		return "0300 123 3393"
	case '7':
		return "07700 900000"
	case '8':
		return "0800 58 58 58"
	default:
		return "0" + string(second) + "00 000 0000"
	}
}

// international checks a number written with + (digits without the +).
func international(digits, written string) error {
	if strings.HasPrefix(digits, "44") {
		rest := digits[2:]
		if strings.HasPrefix(rest, "0") {
			after := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(written, "+4"), "4"))
			return fmt.Errorf("drop the 0 after +44: write +44 %s", strings.TrimSpace(after[1:]))
		}
		if rest == "" {
			return fmt.Errorf("write the number after +44")
		}
		if err := national("0" + rest); err != nil {
			return fmt.Errorf("after +44 comes the UK number without its first 0 (like +44 113 496 0000), and 0%s is not one: %w", rest, err)
		}
		return nil
	}
	if len(digits) < 8 || len(digits) > 15 {
		return fmt.Errorf("an international number has 8 to 15 digits after the +, counting its country code")
	}
	return nil
}
