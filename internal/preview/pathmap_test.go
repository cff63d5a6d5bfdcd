package preview

import (
	"testing"
)

func TestCleanRequestPath(t *testing.T) {
	tests := []struct {
		uri  string
		want string // "" refused
	}{
		{"/", "/"},
		{"/help/ae/", "/help/ae/"},
		{"/help/ae/?x=1#f", "/help/ae/"},
		{"/assets/icon.1234567890.svg", "/assets/icon.1234567890.svg"},
		{"/a%20b/", "/a b/"},
		{"/%41%62c-%7e/", "/Abc-~/"},
		{"/a+b", "/a+b"},
		{"/../x", ""},
		{"/a/../x", ""},
		{"/a/./x", ""},
		{"/a/..", ""},
		{"/%2e%2e/x", ""},
		{"/%2E%2E/x", ""},
		{"/a%2fb", ""},
		{"/a%5cb", ""},
		{"/a%00b", ""},
		{`/a\b`, ""},
		{"//etc/passwd", ""},
		{"/a//b", ""},
		{"http://host/x", ""},
		{"*", ""},
		{"/%zz", ""},
		{"/%2", ""},
	}
	for _, tt := range tests {
		got, ok := cleanRequestPath(tt.uri)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("cleanRequestPath(%q) = %q, want %q", tt.uri, got, tt.want)
		}
	}
}
