package corpus

import (
	"path"
	"regexp"
	"strings"

	"github.com/webext-shim/webext-shim/bundle"
)

// Errors about the extension's files, and the diagnostics that predict
// them: a file the output lacks (a page's script or stylesheet that does
// not exist, or that the build leaves out as web-ext does) and a script that
// does not parse (copied as written).

// quotedFile matches a file named in quotes in a diagnostic, such as
// "node_modules/mocha/mocha.js" in `the script "node_modules/mocha/mocha.js"
// is left out of the build`.
var quotedFile = regexp.MustCompile(`"([^"\s]+\.(?:js|mjs|css|html|json))"`)

// fileLoadFailed are the parts of the browsers' messages for a file of the
// extension that could not be loaded: Chromium's network error and
// Firefox's script loader warning.
var fileLoadFailed = []string{"net::ERR_FILE_NOT_FOUND", "Loading failed for the <script>", "Loading failed for the module"}

// notParsed is the part of a diagnostic for a script that does not parse
// (bundle's notparsed.go).
const notParsed = "the script is copied as written"

// matchFileError pairs an error about a file with the diagnostic that
// predicted it: a failed load of a URL that ends with the path a diagnostic
// quotes, or a SyntaxError in a script the build said does not parse (in the
// same file when the error names one).
func matchFileError(e Message, diags bundle.Diagnostics) (Match, bool) {
	loadFailed := false
	for _, s := range fileLoadFailed {
		loadFailed = loadFailed || strings.Contains(e.Text, s)
	}
	syntaxError := strings.Contains(e.Text, "SyntaxError")
	if !loadFailed && !syntaxError {
		return Match{}, false
	}
	for _, d := range diags {
		file := strings.ReplaceAll(d.File, "\\", "/")
		same := e.Source != "" && file != "" && path.Base(e.Source) == path.Base(file)
		if syntaxError && strings.Contains(d.Message, notParsed) && (e.Source == "" || same) {
			return Match{Error: e.Text, Diagnostic: d, Term: "SyntaxError", SameFile: same}, true
		}
		if !loadFailed {
			continue
		}
		for _, q := range quotedFile.FindAllStringSubmatch(d.Message, -1) {
			if p := path.Clean("/" + q[1]); mentionsPath(e.Text, p) {
				return Match{Error: e.Text, Diagnostic: d, Term: q[1], SameFile: same}, true
			}
		}
	}
	return Match{}, false
}

// mentionsPath reports whether text has a URL ending with the path p
// ("/node_modules/mocha/mocha.js"): p not followed by more of a path.
func mentionsPath(text, p string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], p)
		if j < 0 {
			return false
		}
		end := i + j + len(p)
		if end == len(text) || !isWordByte(text[end]) && !strings.ContainsRune("./-", rune(text[end])) {
			return true
		}
		i = end
	}
}
