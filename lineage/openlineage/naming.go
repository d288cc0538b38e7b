package openlineage

import (
	"net/url"
	"path"
	"strings"
)

// opaqueScheme is the scheme of a dataset whose namespace is not a
// location: a scheduler's or a database's name.
const opaqueScheme = "openlineage://"

// URI returns the URI residue names an OpenLineage dataset by (see the
// package documentation).
func URI(namespace, name string) string {
	if isFileNamespace(namespace) && strings.HasPrefix(name, "/") {
		return "file://" + path.Clean(name)
	}
	if scheme, rest, ok := splitScheme(namespace); ok {
		switch scheme {
		case "s3a", "s3n":
			scheme = "s3"
		}
		base := scheme + "://" + strings.TrimRight(rest, "/")
		n := strings.Trim(name, "/")
		switch {
		case n == "":
			return base
		case strings.TrimRight(rest, "/") == "":
			// Namespace s3:// and name bucket/key.
			return base + n
		}
		return base + "/" + n
	}
	return opaqueScheme + url.PathEscape(namespace) + "/" + name
}

// Names returns the OpenLineage namespace and name of a residue URI: the
// inverse of URI for the URIs it makes, and the naming spec's for URIs
// residue made itself (s3://bucket/key is namespace s3://bucket, name
// key; file:///data/x is namespace file, name /data/x).
func Names(uri string) (namespace, name string) {
	if rest, ok := strings.CutPrefix(uri, opaqueScheme); ok {
		if ns, n, ok := strings.Cut(rest, "/"); ok {
			if u, err := url.PathUnescape(ns); err == nil {
				return u, n
			}
		}
	}
	if p, ok := strings.CutPrefix(uri, "file://"); ok && strings.HasPrefix(p, "/") {
		return "file", p
	}
	scheme, rest, ok := splitScheme(uri)
	if !ok {
		return "", uri
	}
	authority, p, _ := strings.Cut(rest, "/")
	if p == "" {
		p = "/"
	}
	return scheme + "://" + authority, p
}

func isFileNamespace(ns string) bool {
	switch strings.ToLower(ns) {
	case "file", "file://", "file:///":
		return true
	}
	return false
}

// splitScheme splits scheme://rest, the scheme lower-cased; a scheme is a
// letter followed by letters, digits, '+', '-' and '.' (RFC 3986).
func splitScheme(s string) (scheme, rest string, ok bool) {
	i := strings.Index(s, "://")
	if i <= 0 {
		return "", "", false
	}
	for j, c := range s[:i] {
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (j == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return "", "", false
		}
	}
	return strings.ToLower(s[:i]), s[i+3:], true
}
