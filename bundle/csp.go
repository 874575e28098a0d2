package bundle

import (
	"strings"

	"github.com/webext-shim/webext-shim/internal/jsonc"
)

// geckoScriptSrc gives a content security policy that leaves script-src to
// default-src an explicit script-src for Firefox. By the CSP specification
// a missing script-src falls back to default-src, and Chromium reads the
// policy so; Firefox refuses an extension policy without script-src
// ("Error processing content_security_policy.extension_pages: Policy is
// missing a required 'script-src' directive", Firefox ESR 153, seen on
// chrome-extensions-samples' wasm cookbook samples) and falls back to its
// default, which blocks WebAssembly. The directive added has default-src's
// sources, so the policy means the same.
func (b *targetBuild) geckoScriptSrc() {
	csp := b.m.Get("content_security_policy")
	if csp == nil {
		return
	}
	fix := func(v *jsonc.Value, name string) {
		if v == nil || v.Kind != jsonc.String {
			return
		}
		if policy, ok := withScriptSrc(v.Str); ok {
			v.Str = policy
			d := diagAt(ManifestFile, v.Pos, Info, "%s: script-src added with default-src's sources, since Firefox requires it (the policy means the same)", name)
			d.Target = b.t.Browser.Name
			b.diags = append(b.diags, d)
		}
	}
	switch csp.Kind {
	case jsonc.String:
		fix(csp, "content_security_policy")
	case jsonc.Object:
		fix(csp.Get("extension_pages"), "content_security_policy.extension_pages")
	}
}

// withScriptSrc returns policy with a script-src directive copied from its
// default-src, and false when it has script-src already or no default-src.
func withScriptSrc(policy string) (string, bool) {
	var defaultSrc string
	found := false
	for _, dir := range strings.Split(policy, ";") {
		fields := strings.Fields(dir)
		if len(fields) == 0 {
			continue
		}
		switch strings.ToLower(fields[0]) {
		case "script-src":
			return "", false
		case "default-src":
			defaultSrc = strings.Join(fields[1:], " ")
			found = true
		}
	}
	if !found {
		return "", false
	}
	p := strings.TrimRight(strings.TrimSpace(policy), ";")
	return p + "; script-src " + defaultSrc, true
}
