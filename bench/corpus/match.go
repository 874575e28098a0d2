package corpus

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/webext-shim/webext-shim/bundle"
)

// Match pairs an error the browser reported for a build's output with a
// diagnostic of that build that may explain it: both name the same API
// member, API namespace, manifest key or permission.
type Match struct {
	// Context and Index locate the error: Load.Contexts[i].Errors[Index] of
	// the context named Context.
	Context string `json:"context"`
	Index   int    `json:"index"`
	// Error is the error's text.
	Error string `json:"error"`
	// Diagnostic is the build's diagnostic.
	Diagnostic bundle.Diagnostic `json:"diagnostic"`
	// Term is the name both mention.
	Term string `json:"term"`
	// SameFile is true when the error's source file has the base name of
	// the diagnostic's file.
	SameFile bool `json:"sameFile"`
}

// apiPath matches an API path at the start of a diagnostic, such as
// "tabs.executeScript" in "tabs.executeScript is not available on chrome".
var apiPath = regexp.MustCompile(`^([a-z][A-Za-z_]*)((?:\.[A-Za-z_]\w*)+) `)

// quoted matches a quoted name in a diagnostic, such as "sidebar_action" in
// `manifest key "sidebar_action" is not supported`.
var quoted = regexp.MustCompile(`"([A-Za-z_][\w.]*)"`)

// leadingName matches a global named at the start of a diagnostic, such as
// "document" in "document is not available in chrome's service-worker
// background".
var leadingName = regexp.MustCompile(`^([A-Za-z_$][\w$]*) is not available `)

// quotedMessage matches a browser's message quoted in a diagnostic (a quoted
// text of 20 characters or more with a space), such as the Firefox error in
// `storage.sync needs an add-on id in Firefox: ... ("The storage API will
// not work with a temporary addon ID")`.
var quotedMessage = regexp.MustCompile(`"([^"]{20,})"`)

// genericWords are member and namespace names too common in error messages
// to pair an error with a diagnostic on their own.
var genericWords = map[string]bool{
	"create": true, "update": true, "remove": true, "get": true, "set": true, "query": true,
	"send": true, "open": true, "show": true, "hide": true, "reset": true, "search": true,
	"tabs": true, "windows": true, "runtime": true, "storage": true, "local": true, "sync": true,
	"error": true, "action": true, "message": true, "extension": true,
}

// Terms returns the names in a diagnostic's message that an error about the
// same thing would mention, most specific first: for an API path
// "ns.a.member", the whole path, the member and the namespace (each unless
// too generic or shorter than four letters); for a quoted name, the name and
// its last dotted part; for a global named first ("document is not
// available ..."), the global; for a quoted browser message, the message.
func Terms(message string) []string {
	var terms []string
	add := func(t string) {
		if len(t) < 4 || genericWords[t] {
			return
		}
		for _, have := range terms {
			if have == t {
				return
			}
		}
		terms = append(terms, t)
	}
	if m := apiPath.FindStringSubmatch(message); m != nil {
		full := m[1] + m[2]
		terms = append(terms, full)
		parts := strings.Split(full, ".")
		add(parts[len(parts)-1])
		add(parts[0])
	}
	if m := leadingName.FindStringSubmatch(message); m != nil {
		add(m[1])
	}
	for _, q := range quotedMessage.FindAllStringSubmatch(message, -1) {
		if strings.Contains(q[1], " ") {
			add(q[1])
		}
	}
	for _, q := range quoted.FindAllStringSubmatch(message, -1) {
		add(q[1])
		if i := strings.LastIndexByte(q[1], '.'); i >= 0 {
			add(q[1][i+1:])
		}
	}
	return terms
}

// containsWord reports whether text has term with no letter, digit or
// underscore right before or after it.
func containsWord(text, term string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], term)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(term)
		if (start == 0 || !isWordByte(text[start-1])) && (end == len(text) || !isWordByte(text[end])) {
			return true
		}
		i = start + 1
	}
}

// isWordByte reports whether b can be part of an identifier.
func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// MatchErrors pairs each error of the load with the first diagnostic, in
// order, one of whose Terms it mentions. Errors no diagnostic explains are
// left out.
func MatchErrors(load *Load, diags bundle.Diagnostics) []Match {
	if load == nil {
		return nil
	}
	var matches []Match
	var background *Match // the first matched error of the background
	for _, c := range load.Contexts {
		for i, e := range c.Errors {
			if m, ok := matchOne(e, diags); ok {
				m.Context, m.Index = c.Name, i
				matches = append(matches, m)
				if c.Name == "background" && background == nil {
					background = &matches[len(matches)-1]
				}
			}
		}
	}
	if background == nil {
		return matches
	}
	// Chromium says "Service worker registration failed" when the worker's
	// script throws while it starts: the error that made it throw is the
	// background's, and so is its diagnostic.
	bg := *background
	for _, c := range load.Contexts {
		for i, e := range c.Errors {
			if strings.Contains(e.Text, workerRegistrationFailed) && !slices.ContainsFunc(matches, func(m Match) bool { return m.Context == c.Name && m.Index == i }) {
				matches = append(matches, Match{Context: c.Name, Index: i, Error: e.Text, Diagnostic: bg.Diagnostic, Term: "(the background's first error)"})
			}
		}
	}
	return matches
}

// workerRegistrationFailed is Chromium's message for a service worker whose
// script threw while it started.
const workerRegistrationFailed = "Service worker registration failed"

// matchOne finds the diagnostic that explains the error: the first whose
// Terms the error mentions, else the first whose API member the error
// quotes, generic or not (V8 says "Cannot read properties of undefined
// (reading 'create')" where chrome.menus is missing), else one about the
// file the error is about (matchFileError).
func matchOne(e Message, diags bundle.Diagnostics) (Match, bool) {
	match := func(d bundle.Diagnostic, term string) Match {
		same := e.Source != "" && d.File != "" && path.Base(e.Source) == path.Base(strings.ReplaceAll(d.File, "\\", "/"))
		return Match{Error: e.Text, Diagnostic: d, Term: term, SameFile: same}
	}
	for _, d := range diags {
		for _, term := range Terms(d.Message) {
			if containsWord(e.Text, term) {
				return match(d, term), true
			}
		}
	}
	for _, d := range diags {
		m := apiPath.FindStringSubmatch(d.Message)
		if m == nil {
			continue
		}
		member := m[2][strings.LastIndexByte(m[2], '.')+1:]
		for _, q := range []string{"'" + member + "'", `"` + member + `"`} {
			if strings.Contains(e.Text, q) {
				return match(d, q), true
			}
		}
	}
	return matchFileError(e, diags)
}

// matchedErrors counts the errors the matches pair.
func matchedErrors(ms []Match) int {
	return len(ms)
}
