package bundle

import (
	"strings"
	"testing"
)

func TestWithScriptSrc(t *testing.T) {
	tests := []struct {
		policy, want string
		changed      bool
	}{
		{"default-src 'self' 'wasm-unsafe-eval'", "default-src 'self' 'wasm-unsafe-eval'; script-src 'self' 'wasm-unsafe-eval'", true},
		{"default-src 'self'; img-src *;", "default-src 'self'; img-src *; script-src 'self'", true},
		{"script-src 'self'; object-src 'self'", "", false},
		{"Script-Src 'self'; default-src 'none'", "", false},
		{"img-src *", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.policy, func(t *testing.T) {
			got, changed := withScriptSrc(tt.policy)
			if got != tt.want || changed != tt.changed {
				t.Errorf("withScriptSrc(%q) = %q, %v; want %q, %v", tt.policy, got, changed, tt.want, tt.changed)
			}
		})
	}
}

// TestGeckoScriptSrcInBuild: the Firefox output's policy gets script-src,
// with a note; the Chrome output's is left as written.
func TestGeckoScriptSrcInBuild(t *testing.T) {
	src := writeSource(t, map[string]string{ManifestFile: `{"manifest_version": 3, "name": "a", "version": "1",
  "content_security_policy": {"extension_pages": "default-src 'self' 'wasm-unsafe-eval'"}}`})
	for _, c := range []struct{ target, want string }{
		{"firefox", `"default-src 'self' 'wasm-unsafe-eval'; script-src 'self' 'wasm-unsafe-eval'"`},
		{"chrome", `"default-src 'self' 'wasm-unsafe-eval'"`},
	} {
		t.Run(c.target, func(t *testing.T) {
			_, out := buildFor(t, src, c.target)
			if m := readOutput(t, out, c.target, ManifestFile); !strings.Contains(m, c.want) {
				t.Errorf("manifest:\n%s\nwant the policy %s", m, c.want)
			}
		})
	}
}

// TestIncognitoSplit: Firefox has no split incognito mode and falls back to
// not_allowed; the output says so, with a warning at the key's value.
func TestIncognitoSplit(t *testing.T) {
	src := writeSource(t, map[string]string{ManifestFile: `{"manifest_version": 3, "name": "a", "version": "1", "incognito": "split"}`})
	for _, c := range []struct{ target, want string }{
		{"firefox", `"incognito": "not_allowed"`},
		{"chrome", `"incognito": "split"`},
	} {
		t.Run(c.target, func(t *testing.T) {
			res, out := buildFor(t, src, c.target)
			if m := readOutput(t, out, c.target, ManifestFile); !strings.Contains(m, c.want) {
				t.Errorf("manifest:\n%s\nwant %s", m, c.want)
			}
			warned := false
			for _, d := range res.Diagnostics {
				warned = warned || strings.HasPrefix(d.String(), `manifest.json:1:67: warning: incognito "split" is not supported`)
			}
			if warned != (c.target == "firefox") {
				t.Errorf("warned %v; diagnostics %v", warned, res.Diagnostics)
			}
		})
	}
}
