package classify

import (
	"slices"
	"testing"
)

func TestFieldWords(t *testing.T) {
	tests := []struct {
		path          string
		words, parent []string
	}{
		{"text", []string{"text"}, nil},
		{"meta.author_email", []string{"author", "email"}, []string{"meta"}},
		{"messages[1].content", []string{"content"}, []string{"messages"}},
		{"customer.phoneNumber", []string{"phone", "number"}, []string{"customer"}},
		{"SSN", []string{"ssn"}, nil},
		{"IPAddress", []string{"ip", "address"}, nil},
		{"Card Number", []string{"card", "number"}, nil},
		{`meta["e-mail address"]`, []string{"e", "mail", "address"}, []string{"meta"}},
		{`users["a.b@c"].name`, []string{"name"}, []string{"a", "b", "c"}},
		{"rows[3][2]", []string{"rows"}, nil},
		{"", nil, nil},
	}
	for _, tt := range tests {
		if got := fieldWords(tt.path); !slices.Equal(got, tt.words) {
			t.Errorf("fieldWords(%q) = %q, want %q", tt.path, got, tt.words)
		}
		if got := parentWords(tt.path); !slices.Equal(got, tt.parent) {
			t.Errorf("parentWords(%q) = %q, want %q", tt.path, got, tt.parent)
		}
	}
}

func TestFieldMatches(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"password", true},
		{"db_password", true},
		{"userPassword", true},
		{"passwords", true},
		{"password_hash", false},
		{"passwordPolicy", false},
		{"last_password_change", false},
		{"passport", false},
		{"compass", false},
	}
	for _, tt := range tests {
		if got := fieldMatches(fieldWords(tt.path), passwordFields); got != tt.want {
			t.Errorf("password field %q: %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestContainsWord(t *testing.T) {
	tests := []struct {
		hay, w string
		want   bool
	}{
		{"my ip is", "ip", true},
		{"zip code", "ip", false},
		{"shipping", "ip", false},
		{"phones:", "phone", true},
		{"telephone", "phone", false},
		{"ssn:", "ssn", true},
	}
	for _, tt := range tests {
		if got := containsWord([]byte(tt.hay), []byte(tt.w)); got != tt.want {
			t.Errorf("containsWord(%q, %q) = %v, want %v", tt.hay, tt.w, got, tt.want)
		}
	}
}
