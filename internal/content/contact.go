package content

import (
	"cmp"
	"net/mail"
	"net/url"
	"slices"
	"strings"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/hours"
	"github.com/signpost-dev/signpost/internal/i18n"
	"github.com/signpost-dev/signpost/internal/phone"
	"github.com/signpost-dev/signpost/internal/tomldoc"
)

// Mode is how a service can be contacted.
type Mode string

// The contact modes of the content model.
const (
	Phone   Mode = "phone"
	Text    Mode = "text"
	Webchat Mode = "webchat"
	Email   Mode = "email"
	Web     Mode = "web"
	// Relay is a text relay call (Relay UK): the person types, a relay
	// assistant speaks and types back. The value is "18000" (the
	// emergency services) or "18001 " followed by the number to call.
	Relay Mode = "relay"
	// BSL is a video relay call in British Sign Language: an https URL
	// of the service's app or web page (999 BSL, NHS 111 BSL).
	BSL Mode = "bsl"
	// EmergencySMS is the emergency SMS service (text 999), which works
	// only from a phone registered with it in advance: the contact names
	// the word to text to register (register = "register").
	EmergencySMS Mode = "emergency-sms"
)

var modes = []Mode{Phone, Text, Webchat, Email, Web, Relay, BSL, EmergencySMS}

// modeList is the modes for messages: "phone, text, ... or emergency-sms".
func modeList() string {
	var b strings.Builder
	for i, m := range modes {
		switch {
		case i == len(modes)-1:
			b.WriteString(" or ")
		case i > 0:
			b.WriteString(", ")
		}
		b.WriteString(string(m))
	}
	return b.String()
}

// NoVoice reports whether the mode needs no voice call: everything but
// phone and a website (which is information, not a way to reach someone).
func (m Mode) NoVoice() bool { return m != Phone && m != Web && m != "" }

// Contact is one way to reach a service.
type Contact struct {
	Mode    Mode
	Value   string // as the author wrote it, for display: "116 123"
	Keyword string // text only: the message to send
	// Register is the word to text to the contact's number to register
	// with the emergency SMS service (emergency-sms only): "register".
	Register string
	// Emergency is true when the contact reaches the emergency services
	// (or an A&E): relay 18000 and emergency-sms always do; any other
	// contact says so with emergency = true, or inherits its service's.
	Emergency bool
	Hours     hours.Hours
	HasHours  bool
	Href      string // the link: tel:116123, sms:85258?&body=SHOUT, mailto:..., https://...
	Pos       diag.Pos
}

// PhoneHref turns a readable number ("0800 58 58 58", "+44 116 123") into
// the digits of a link, keeping a leading +.
func PhoneHref(scheme, number string) string { return phone.Href(scheme, number) }

// ValidPhone reports whether s is digits with single spaces and an
// optional leading +: the form of a number under any plan.
func ValidPhone(s string) bool { return phone.ValidForm(s) }

// RelayEmergency is Relay UK's number for the emergency services, and
// RelayPrefix the prefix it puts before any other number.
const (
	RelayEmergency = "18000"
	RelayPrefix    = "18001"
)

// readContact reads one [[contact]] table; emergency is the service's own
// emergency key, which a contact without one inherits.
func readContact(t *tomldoc.Table, plan phone.Plan, emergency bool) (Contact, bool) {
	c := Contact{
		Mode:     Mode(t.String("mode", true)),
		Value:    strings.TrimSpace(t.String("value", true)),
		Keyword:  t.String("keyword", false),
		Register: t.String("register", false),
		Pos:      t.Pos(),
	}
	ownEmergency, setEmergency := t.Bool("emergency")
	ok := true
	bad := func(key, format string, args ...any) {
		t.Errorf(t.ValuePos(key), format, args...)
		ok = false
	}
	if t.Has("mode") && !slices.Contains(modes, c.Mode) {
		bad("mode", "unknown contact mode %q: use one of %s", c.Mode, modeList())
	}
	if t.Has("register") && c.Mode != EmergencySMS {
		bad("register", "register is only for emergency-sms contacts (the word to text to register with the service); remove it or set mode = \"emergency-sms\"")
	}
	if c.Mode == EmergencySMS && !t.Has("register") {
		t.Errorf(t.Pos(), "an emergency-sms contact works only from a phone registered in advance: add register = \"register\", the word to text to %s to register", cmp.Or(c.Value, "999"))
		ok = false
	}
	if t.Has("register") && !t.CheckText("register", c.Register, "write the word to text to register, like \"register\"") {
		ok = false
	}
	c.Register = strings.TrimSpace(c.Register)
	if t.Has("keyword") && c.Mode != Text {
		bad("keyword", "keyword is only for text contacts (the message to send); remove it or set mode = \"text\"")
	}
	if t.Has("keyword") && !t.CheckText("keyword", c.Keyword, "write the word to text, or remove the key") {
		ok = false
	}
	if t.Blank("value") {
		bad("value", "value is empty: give the number, address or https URL")
	}
	if c.Value != "" {
		switch c.Mode {
		case Phone, Text:
			use := phone.Call
			if c.Mode == Text {
				use = phone.Text
			}
			if err := phone.Check(c.Value, plan, use); err != nil {
				bad("value", "%s number %q cannot be used: %v", c.Mode, c.Value, err)
				break
			}
			if c.Mode == Phone {
				c.Href = PhoneHref("tel", c.Value)
			} else {
				// "?&body=" is read by both Android (query) and iOS (after &).
				c.Href = PhoneHref("sms", c.Value)
				if c.Keyword != "" {
					c.Href += "?&body=" + smsBody(strings.TrimSpace(c.Keyword))
				}
			}
		case EmergencySMS:
			if !ValidPhone(c.Value) {
				bad("value", "emergency-sms number %q must be digits, like \"999\"", c.Value)
				break
			}
			c.Href = PhoneHref("sms", c.Value)
		case Relay:
			rest, prefixed := strings.CutPrefix(c.Value, RelayPrefix+" ")
			switch {
			case c.Value == RelayEmergency:
				c.Href = PhoneHref("tel", c.Value)
			case prefixed && ValidPhone(rest):
				c.Href = PhoneHref("tel", c.Value)
			default:
				bad("value", "relay number %q must be %s (Relay UK to the emergency services) or %s and a space before the number to call, like \"%s 0800 58 58 58\"", c.Value, RelayEmergency, RelayPrefix, RelayPrefix)
			}
		case Web, Webchat, BSL:
			u, err := url.Parse(c.Value)
			if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
				bad("value", "%s address %q must be an https:// URL (other schemes are refused)", c.Mode, c.Value)
				break
			}
			c.Href = u.String()
		case Email:
			a, err := mail.ParseAddress(c.Value)
			if err != nil || a.Address != c.Value || strings.ContainsAny(c.Value, "?&") {
				bad("value", "email address %q is not a plain address like jo@samaritans.org", c.Value)
				break
			}
			c.Href = "mailto:" + c.Value
		}
	}
	switch {
	case c.Mode == EmergencySMS || c.Mode == Relay && c.Value == RelayEmergency:
		if setEmergency && !ownEmergency {
			bad("emergency", "this %s contact reaches the emergency services: remove emergency = false", c.Mode)
		}
		c.Emergency = true
	case setEmergency && ownEmergency && (c.Mode == Email || c.Mode == Web):
		bad("emergency", "an %s contact cannot reach the emergency services: remove emergency = true (mark the phone, relay, text or bsl contact that does)", c.Mode)
	case setEmergency:
		c.Emergency = ownEmergency
	default:
		c.Emergency = emergency && c.Mode != Email && c.Mode != Web
	}
	// spec is nil when hours is absent, or neither a string nor a list (reported).
	if spec, single := t.StringOrStrings("hours"); spec != nil {
		h, err := hours.Parse(spec)
		if err == nil {
			c.Hours, c.HasHours = h, true
		} else if _, isEntry := err.(*hours.EntryError); !isEntry || single {
			t.Errorf(t.ValuePos("hours"), "%v", err)
			ok = false
		} else {
			// Report every bad entry, not only the first; an entry that is
			// only wrong beside the others ("24/7" in a list) is reported
			// as Parse found it.
			found := false
			for i, entry := range spec {
				if _, e := hours.Parse([]string{entry}); e != nil {
					t.Errorf(t.ElemPos("hours", i), "%v", e)
					found = true
				}
			}
			if !found {
				t.Errorf(t.ElemPos("hours", err.(*hours.EntryError).Index), "%v", err)
			}
			ok = false
		}
	}
	t.Check()
	return c, ok
}

// Label is how a page names the contact's action, in the language of the
// catalog tx: "Call 116 123".
func (c Contact) Label(tx *i18n.Catalog) string {
	switch c.Mode {
	case Phone:
		return tx.T("contact_phone", "number", c.Value)
	case Text:
		if c.Keyword != "" {
			return tx.T("contact_text_keyword", "keyword", c.Keyword, "number", c.Value)
		}
		return tx.T("contact_text", "number", c.Value)
	case Webchat:
		return tx.T("contact_webchat")
	case Email:
		return tx.T("contact_email", "address", c.Value)
	case Relay:
		return tx.T("contact_relay", "number", c.Value)
	case BSL:
		return tx.T("contact_bsl")
	case EmergencySMS:
		return tx.T("contact_emergency_sms", "number", c.Value)
	default:
		return tx.T("contact_web")
	}
}

// RegisterHref is the link that texts the register word to the number
// (emergency-sms only), or "".
func (c Contact) RegisterHref() string {
	if c.Mode != EmergencySMS || c.Register == "" {
		return ""
	}
	return PhoneHref("sms", c.Value) + "?&body=" + smsBody(c.Register)
}

// smsBody escapes the text of an sms: link's body. An sms: URI (RFC 5724)
// is not a form: "+" in it is a plus sign, not a space, so a space is
// written %20 ("TEXT ME" as TEXT%20ME, not TEXT+ME, which phones would
// prefill as "TEXT+ME"), and everything but letters, digits and -._~ is
// percent-encoded, so "&", "#" and "+" stay text.
func smsBody(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
