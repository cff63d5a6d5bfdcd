package content

import (
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strings"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/hours"
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
)

var modes = []Mode{Phone, Text, Webchat, Email, Web}

// Contact is one way to reach a service.
type Contact struct {
	Mode     Mode
	Value    string // as the author wrote it, for display: "116 123"
	Keyword  string // text only: the message to send
	Hours    hours.Hours
	HasHours bool
	Href     string // the link: tel:116123, sms:85258?&body=SHOUT, mailto:..., https://...
	Pos      diag.Pos
}

// PhoneHref turns a readable number ("0800 58 58 58", "+44 116 123") into
// the digits of a link, keeping a leading +.
func PhoneHref(scheme, number string) string { return phone.Href(scheme, number) }

// ValidPhone reports whether s is digits with single spaces and an
// optional leading +: the form of a number under any plan.
func ValidPhone(s string) bool { return phone.ValidForm(s) }

func readContact(t *tomldoc.Table, plan phone.Plan) (Contact, bool) {
	c := Contact{
		Mode:    Mode(t.String("mode", true)),
		Value:   strings.TrimSpace(t.String("value", true)),
		Keyword: t.String("keyword", false),
		Pos:     t.Pos(),
	}
	ok := true
	bad := func(key, format string, args ...any) {
		t.Errorf(t.ValuePos(key), format, args...)
		ok = false
	}
	if t.Has("mode") && !slices.Contains(modes, c.Mode) {
		bad("mode", "unknown contact mode %q: use one of phone, text, webchat, email or web", c.Mode)
	}
	if t.Has("keyword") && c.Mode != Text {
		bad("keyword", "keyword is only for text contacts (the message to send); remove it or set mode = \"text\"")
	}
	if c.Keyword != "" && strings.TrimSpace(c.Keyword) == "" {
		bad("keyword", "keyword is blank: write the word to text, or remove the key")
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
					c.Href += "?&body=" + url.QueryEscape(strings.TrimSpace(c.Keyword))
				}
			}
		case Web, Webchat:
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

// Label is how a page names the contact's action: "Call 116 123".
func (c Contact) Label() string {
	switch c.Mode {
	case Phone:
		return "Call " + c.Value
	case Text:
		if c.Keyword != "" {
			return fmt.Sprintf("Text %s to %s", c.Keyword, c.Value)
		}
		return "Text " + c.Value
	case Webchat:
		return "Start a webchat"
	case Email:
		return "Email " + c.Value
	default:
		return "Visit the website"
	}
}
