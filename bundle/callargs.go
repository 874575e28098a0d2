package bundle

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/webext-shim/webext-shim/internal/jsscan"
	"github.com/webext-shim/webext-shim/shims"
)

// callArgs returns the source text of the arguments of the call whose
// callee starts at off (the API expression an APIUse found): what lies
// between the parentheses after the member chain, "" when no call follows.
// Strings, template literals and comments are skipped while matching
// parentheses; a call left open runs to the end.
func callArgs(src []byte, off int) (string, bool) {
	i := off
	for i < len(src) && (isIdentByte(src[i]) || src[i] == '.' || src[i] == '?' || src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i++
	}
	if i >= len(src) || src[i] != '(' {
		return "", false
	}
	start, depth := i+1, 0
	for ; i < len(src); i++ {
		switch c := src[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				return string(src[start:i]), true
			}
		case '"', '\'', '`':
			for i++; i < len(src) && src[i] != c; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			} else if i+1 < len(src) && src[i+1] == '*' {
				for i += 2; i+1 < len(src) && !(src[i] == '*' && src[i+1] == '/'); i++ {
				}
				i++
			}
		}
	}
	return string(src[start:]), true
}

var (
	keyPatternsMu sync.Mutex
	keyPatterns   = map[string]*regexp.Regexp{}
)

// hasKey reports whether the argument text has an object property named
// key: `key:`, `"key":`, or the shorthand `{ key }` / `, key,`.
func hasKey(args, key string) bool {
	keyPatternsMu.Lock()
	re := keyPatterns[key]
	if re == nil {
		k := regexp.QuoteMeta(key)
		re = regexp.MustCompile(`(?:^|[{,\s])(?:` + k + `|"` + k + `"|'` + k + `')\s*:|[{,]\s*` + k + `\s*[,}]`)
		keyPatterns[key] = re
	}
	keyPatternsMu.Unlock()
	return re.MatchString(args)
}

// hasString reports whether the argument text holds the string literal s.
func hasString(args, s string) bool {
	for _, q := range []string{`"`, `'`, "`"} {
		if strings.Contains(args, q+s+q) {
			return true
		}
	}
	return false
}

// callMatches reports whether the call check applies to a call whose
// arguments' source text is args: they hold the property Key, or the string
// literal Value; with neither set, every call matches.
func callMatches(c shims.CallCheck, args string) bool {
	switch {
	case c.Key != "":
		return hasKey(args, c.Key)
	case c.Value != "":
		return hasString(args, c.Value)
	}
	return true
}

// reportCalls reports the calls the needed shims cannot carry over
// (shims.CallCheck) among the uses of one file, which runs in the contexts
// ctxs, and returns the offsets of the uses it reported.
func (b *targetBuild) reportCalls(file string, uses []jsscan.APIUse, ctxs []shims.Context) map[int]bool {
	var checks []shims.CallCheck
	out := shims.Output{Background: b.bgKind, ManifestVersion: b.outMV}
	for _, n := range b.needs {
		for _, c := range n.Shim.Calls {
			if c.Applies(b.t, out, ctxs) {
				checks = append(checks, c)
			}
		}
	}
	if len(checks) == 0 {
		return nil
	}
	code, err := b.src.read(file)
	if err != nil {
		return nil
	}
	reported := map[int]bool{}
	for _, u := range uses {
		i := slices.IndexFunc(checks, func(c shims.CallCheck) bool { return c.API == u.Path })
		if i < 0 {
			continue
		}
		args, ok := callArgs(code, u.Offset)
		if !ok {
			continue
		}
		pos := Pos{Offset: u.Offset, Line: u.Line, Column: u.Column}
		for _, c := range checks {
			if c.API != u.Path || !callMatches(c, args) {
				continue
			}
			b.compatf(file, pos, "%s", c.Message)
			reported[u.Offset] = true
		}
	}
	return reported
}
