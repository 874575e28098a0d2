package bundle

import (
	"bytes"
	"path"
	"strings"

	"github.com/webext-shim/webext-shim/internal/jsonc"
)

// scriptExts are the extensions of the files a module bundle may hold that
// Build leaves out of the output when nothing else needs them.
var scriptExts = []string{".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx"}

// bundledOnly returns the source files that reach the target's output only
// inside its module bundles: modules some bundle imports that are not
// entries themselves, that the manifest's web_accessible_resources do not
// cover, and that no string in the extension's code, pages or manifest
// names (as chrome.scripting.executeScript({files: ["lib/x.js"]}) or
// new Worker("lib/x.js") do, loading the file by URL at run time). Build
// does not copy them: the bundles hold their code already.
func (b *targetBuild) bundledOnly() map[string]bool {
	out := map[string]bool{}
	for rel, c := range b.compiled {
		if e, ok := b.l.entries[rel]; !ok || !e.module {
			continue
		}
		for _, in := range c.inputs {
			if _, entry := b.l.entries[in]; entry || !isScriptFile(in) {
				continue
			}
			out[in] = true
		}
	}
	if len(out) == 0 {
		return out
	}
	named := b.src.namedScripts()
	war := webAccessible(b.src.manifest)
	for rel := range out {
		if named[rel] || matchesAny(war, rel) {
			delete(out, rel)
		}
	}
	// A script copied as is keeps the modules it imports, transitively.
	var queue []string
	for _, rel := range b.src.files {
		if _, generated := b.out[rel]; !generated && !out[rel] && isScriptFile(rel) {
			queue = append(queue, rel)
		}
	}
	for len(queue) > 0 && len(out) > 0 {
		rel := queue[0]
		queue = queue[1:]
		_, imports, err := b.src.scriptLiterals(rel)
		if err != nil {
			continue
		}
		for _, imp := range imports {
			if p, ok := resolveRef(path.Dir(rel), imp); ok && out[p] {
				delete(out, p)
				queue = append(queue, p)
			}
		}
	}
	return out
}

func isScriptFile(rel string) bool {
	ext := strings.ToLower(path.Ext(rel))
	for _, e := range scriptExts {
		if ext == e {
			return true
		}
	}
	return false
}

// namedScripts returns the script paths that string literals of the
// source's scripts, pages and manifest name, other than import
// specifiers (static or dynamic: esbuild bundles those), resolved against
// the extension's root and against the naming file's directory. It is
// computed once per source.
func (s *source) namedScripts() map[string]bool {
	s.namedOnce.Do(func() {
		s.named = map[string]bool{}
		for _, rel := range s.files {
			switch strings.ToLower(path.Ext(rel)) {
			case ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".html", ".htm", ".json":
			default:
				continue
			}
			lits, _, err := s.scriptLiterals(rel)
			if err != nil {
				continue
			}
			for _, lit := range lits {
				if strings.Contains(lit, "://") {
					continue
				}
				if p, ok := resolveRef("", lit); ok {
					s.named[p] = true
				}
				if p, ok := resolveRef(path.Dir(rel), lit); ok {
					s.named[p] = true
				}
			}
		}
	})
	return s.named
}

// scriptLiterals returns the quoted strings of data (single, double or
// back quotes, on one line, at most 512 bytes) that end in a script
// extension and are not import specifiers.
func scriptLiterals(data []byte) []string {
	named, _ := scanScriptLiterals(data)
	return named
}

// scanScriptLiterals returns the quoted strings of data that end in a
// script extension: the import specifiers apart from the others.
func scanScriptLiterals(data []byte) (named, imports []string) {
	for i := 0; i < len(data); i++ {
		q := data[i]
		if q != '"' && q != '\'' && q != '`' {
			continue
		}
		window := data[i+1 : min(len(data), i+1+513)]
		if nl := bytes.IndexByte(window, '\n'); nl >= 0 {
			window = window[:nl]
		}
		end := bytes.IndexByte(window, q)
		if end < 0 {
			// Not a string literal this scanner understands (an
			// apostrophe in a comment, a multi-line template): go on
			// after the quote.
			continue
		}
		lit := window[:end]
		next := i + 1 + end
		if isScriptFile(string(lit)) {
			if afterImport(data[:i]) {
				imports = append(imports, string(lit))
			} else {
				named = append(named, string(lit))
			}
		}
		i = next
	}
	return named, imports
}

// afterImport reports whether before ends, spaces and an opening
// parenthesis aside, with the keyword from or import.
func afterImport(before []byte) bool {
	before = bytes.TrimRight(before, " \t\r\n")
	before = bytes.TrimSuffix(before, []byte("("))
	before = bytes.TrimRight(before, " \t\r\n")
	for _, kw := range []string{"from", "import"} {
		if bytes.HasSuffix(before, []byte(kw)) {
			rest := before[:len(before)-len(kw)]
			if len(rest) == 0 || !isIdentByte(rest[len(rest)-1]) {
				return true
			}
		}
	}
	return false
}

// webAccessible returns the resource patterns of the manifest's
// web_accessible_resources, in the Manifest V2 form (strings) or V3
// (objects with "resources").
func webAccessible(m *jsonc.Value) []string {
	var out []string
	war := m.Get("web_accessible_resources")
	if war == nil || war.Kind != jsonc.Array {
		return nil
	}
	for _, it := range war.Items {
		switch it.Kind {
		case jsonc.String:
			out = append(out, it.Str)
		case jsonc.Object:
			if rs := it.Get("resources"); rs != nil && rs.Kind == jsonc.Array {
				for _, r := range rs.Items {
					if r.Kind == jsonc.String {
						out = append(out, r.Str)
					}
				}
			}
		}
	}
	return out
}

// matchesAny reports whether rel matches one of the resource patterns, in
// which, as browsers read them, "*" matches any characters, "/" included.
func matchesAny(patterns []string, rel string) bool {
	for _, p := range patterns {
		if globMatch(strings.TrimPrefix(p, "/"), rel) {
			return true
		}
	}
	return false
}

func globMatch(pattern, name string) bool {
	// The classic wildcard match: on a mismatch, let the last "*" take
	// one more character (at most len(pattern)*len(name) steps).
	p, n, starP, starN := 0, 0, -1, 0
	for n < len(name) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			starP, starN = p, n
			p++
		case p < len(pattern) && pattern[p] == name[n]:
			p++
			n++
		case starP >= 0:
			starN++
			p, n = starP+1, starN
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
