package targets

import (
	"fmt"
	"strings"

	"github.com/Masterminds/semver/v3"
)

// Query is one target as written: a browser and an optional version
// constraint.
type Query struct {
	// Browser is the browser the query names.
	Browser Browser
	// Constraint is the version constraint in Masterminds/semver syntax
	// (">=115 <130", "=120"), or "" when the query gives no version.
	Constraint string
	// Text is the query as written, trimmed.
	Text string

	constraint *semver.Constraints
}

// ParseQueries parses a comma-separated target list such as
// "firefox>=115,chrome@120,safari". Each element is NAME, NAME@VERSION or
// NAME followed by a constraint in Masterminds/semver syntax
// ("chrome>=120", "firefox>=115 <130", "safari>=17.4", "edge^120"). An element
// that starts with an operator continues the previous one's constraint, so
// "firefox>=115,<130" means "firefox>=115 <130". A browser may appear only
// once: each becomes one output directory.
func ParseQueries(list string) ([]Query, error) {
	if strings.TrimSpace(list) == "" {
		return nil, fmt.Errorf("empty target list; give one or more of: %s (for example --target firefox,chrome>=120)", strings.Join(BrowserNames(), ", "))
	}
	var queries []Query
	for _, part := range strings.Split(list, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			return nil, fmt.Errorf("empty element in target list %q", list)
		}
		if startsWithOperator(part) {
			if len(queries) == 0 {
				return nil, fmt.Errorf("target %q has no browser name; write for example chrome%s", part, part)
			}
			last := &queries[len(queries)-1]
			q, err := parseQuery(last.Text + " " + part)
			if err != nil {
				return nil, err
			}
			*last = q
			continue
		}
		q, err := parseQuery(part)
		if err != nil {
			return nil, err
		}
		for _, prev := range queries {
			if prev.Browser.Name == q.Browser.Name {
				return nil, fmt.Errorf("duplicate target %q: %q and %q name the same browser; give one range per browser", q.Browser.Name, prev.Text, q.Text)
			}
		}
		queries = append(queries, q)
	}
	return queries, nil
}

// ParseQuery parses one target such as "chrome>=120".
func ParseQuery(text string) (Query, error) {
	return parseQuery(strings.TrimSpace(text))
}

func startsWithOperator(s string) bool {
	return strings.ContainsAny(s[:1], "<>=!~^@0123456789")
}

func parseQuery(text string) (Query, error) {
	end := 0
	for end < len(text) && (text[end] == '-' || text[end] == '_' || isLetter(text[end])) {
		end++
	}
	if end == 0 {
		return Query{}, fmt.Errorf("target %q does not start with a browser name; known: %s", text, strings.Join(BrowserNames(), ", "))
	}
	b, err := LookupBrowser(text[:end])
	if err != nil {
		return Query{}, err
	}
	rest := strings.TrimSpace(text[end:])
	q := Query{Browser: b, Text: text}
	if rest == "" {
		return q, nil
	}
	if strings.HasPrefix(rest, "@") {
		v, _, ok := NormaliseVersion(rest[1:])
		if !ok || v == Preview || strings.ContainsAny(rest[1:], " <>=") {
			return Query{}, fmt.Errorf("invalid version %q in target %q; write for example %s@120", rest[1:], text, b.Name)
		}
		rest = "=" + v
	}
	c, err := semver.NewConstraint(rest)
	if err != nil {
		return Query{}, fmt.Errorf("invalid version constraint %q in target %q (write for example %s>=120 or %s>=115 <130): %w", rest, text, b.Name, b.Name, err)
	}
	q.Constraint, q.constraint = rest, c
	return q, nil
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func parseConstraint(s string) (*semver.Constraints, error) {
	c, err := semver.NewConstraint(s)
	if err != nil {
		return nil, fmt.Errorf("invalid version constraint %q: %w", s, err)
	}
	return c, nil
}
