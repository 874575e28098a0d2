package bundle

import (
	"errors"
	"strings"

	"github.com/webext-shim/webext-shim/internal/jsonc"
	"github.com/webext-shim/webext-shim/targets"
)

// Per-browser manifest keys: at any depth, a key may carry a prefix naming
// a browser ("firefox:", "chrome:", "firefox-android:", ...) or an engine
// family ("gecko:", "chromium:", "webkit:"). For a target, the most specific
// spelling of a key wins (browser, then family, then the plain key), and no
// prefixed key reaches the output.

// prefixRank says how specific prefix p is for browser b: 2 for the
// browser, 1 for its family, 0 for another known browser or family, -1 for
// an unknown prefix.
func prefixRank(p string, b targets.Browser) int {
	switch {
	case p == b.Name || p == b.BCDKey:
		return 2
	case p == string(b.Family):
		return 1
	case p == string(targets.Chromium) || p == string(targets.Gecko) || p == string(targets.WebKit):
		return 0
	}
	if _, err := targets.LookupBrowser(p); err == nil && strings.ToLower(p) == p {
		return 0
	}
	return -1
}

// splitPrefix splits "firefox:background" into "firefox" and "background";
// ok is false for a key without a prefix.
func splitPrefix(key string) (prefix, name string, ok bool) {
	prefix, name, ok = strings.Cut(key, ":")
	if !ok || prefix == "" || name == "" {
		return "", key, false
	}
	for _, c := range prefix {
		if !(c >= 'a' && c <= 'z' || c == '-' || c == '_') {
			return "", key, false
		}
	}
	return prefix, name, true
}

// specialise rewrites v (the manifest or any value in it) in place for
// browser b: for each key, the most specific spelling is kept, under the
// plain name and at the place of the first spelling; the others are
// removed. A prefix that names no browser or family is left alone with a
// warning when it is close to a known name.
func specialise(v *jsonc.Value, b targets.Browser, file string) Diagnostics {
	var diags Diagnostics
	switch v.Kind {
	case jsonc.Array:
		for _, it := range v.Items {
			diags = append(diags, specialise(it, b, file)...)
		}
		return diags
	case jsonc.Object:
	default:
		return nil
	}
	type choice struct {
		rank int
		m    *jsonc.Member
	}
	best := map[string]choice{}
	var order []string
	for _, m := range v.Members {
		name, rank := m.Key, -1
		if p, n, ok := splitPrefix(m.Key); ok {
			rank = prefixRank(p, b)
			if rank < 0 {
				diags = append(diags, unknownPrefix(file, m, p)...)
				// An unknown prefix: an ordinary key.
				name = m.Key
			} else {
				name = n
				// More prefixes ("chrome:firefox:b"): the key is for b
				// only if each names b, and as specific as the least
				// specific of them.
				for {
					p, n, ok := splitPrefix(name)
					if !ok {
						break
					}
					r := prefixRank(p, b)
					if r < 0 {
						break
					}
					name, rank = n, min(rank, r)
				}
			}
		}
		if rank == 0 {
			// Another browser's key: dropped, but it reserves the place of
			// the key when it comes first.
			if _, seen := best[name]; !seen {
				best[name] = choice{rank: -2}
				order = append(order, name)
			}
			continue
		}
		c, seen := best[name]
		if !seen {
			order = append(order, name)
		}
		if !seen || rank > c.rank {
			best[name] = choice{rank: rank, m: m}
		}
	}
	members := make([]*jsonc.Member, 0, len(order))
	for _, name := range order {
		c := best[name]
		if c.m == nil {
			continue
		}
		members = append(members, &jsonc.Member{Key: name, KeyPos: c.m.KeyPos, Value: c.m.Value})
		diags = append(diags, specialise(c.m.Value, b, file)...)
	}
	v.Members = members
	return diags
}

// unknownPrefix warns about a key prefix close to a browser or family name
// ("firefx:background"); other colons in keys are left alone silently.
func unknownPrefix(file string, m *jsonc.Member, p string) Diagnostics {
	_, err := targets.LookupBrowser(p)
	var ue *targets.UnknownError
	if errors.As(err, &ue) && len(ue.Suggestions) > 0 {
		return Diagnostics{diagAt(file, m.KeyPos, Warning, "key %q: %q is not a browser or family prefix (did you mean %q?); the key is kept as written", m.Key, p, ue.Suggestions[0]+":")}
	}
	for _, f := range []targets.Family{targets.Chromium, targets.Gecko, targets.WebKit} {
		if len(p) > 3 && (strings.HasPrefix(string(f), p) || strings.HasPrefix(p, string(f))) {
			return Diagnostics{diagAt(file, m.KeyPos, Warning, "key %q: %q is not a browser or family prefix (did you mean %q?); the key is kept as written", m.Key, p, string(f)+":")}
		}
	}
	return nil
}

// manifestMinimum returns the minimum version the (specialised) manifest
// declares for browser b: minimum_chrome_version for Chrome,
// browser_specific_settings.gecko.strict_min_version for Firefox (and
// gecko_android for Firefox for Android), .safari.strict_min_version for
// Safari. Edge and Opera have no own key ("" then).
func manifestMinimum(m *jsonc.Value, b targets.Browser) string {
	_, v := manifestMinimumValue(m, b)
	if v == nil {
		return ""
	}
	return v.Str
}

// manifestMinimumValue returns the key (dotted) and the string value of the
// minimum version the manifest declares for browser b, or nil.
func manifestMinimumValue(m *jsonc.Value, b targets.Browser) (string, *jsonc.Value) {
	var key []string
	switch b.Name {
	case "chrome":
		key = []string{"minimum_chrome_version"}
	case "firefox":
		key = []string{"browser_specific_settings", "gecko", "strict_min_version"}
	case "firefox-android":
		key = []string{"browser_specific_settings", "gecko_android", "strict_min_version"}
		if m.Path(key...) == nil {
			key = []string{"browser_specific_settings", "gecko", "strict_min_version"}
		}
	case "safari", "safari-ios":
		key = []string{"browser_specific_settings", "safari", "strict_min_version"}
	}
	if key == nil {
		return "", nil
	}
	v := m.Path(key...)
	if v == nil || v.Kind != jsonc.String {
		return "", nil
	}
	return strings.Join(key, "."), v
}
