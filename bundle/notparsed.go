package bundle

import (
	"github.com/evanw/esbuild/pkg/api"
)

// A classic script that does not parse (a syntax error, as in a vendored
// library broken by hand) is copied as written, with a warning at each of
// esbuild's errors: the browsers load such an extension and stop at the
// same error when they run the script, so the build, which never refuses
// what the browser accepts, does not refuse it either, and the warning
// predicts the error the browser will show. Options.Strict makes it an
// error, for pipelines that should stop there. Archives (Options.Zip) get
// no other rule: addons.mozilla.org's linter, which signing runs, rates a
// syntax error a warning too (JS_SYNTAX_ERROR, "warning", in
// mozilla/addons-linter's docs/rules.md).
//
// A classic script is compiled on its own, so copying it changes nothing
// else in the output. A module entry is different: its bundle holds the
// shims and the modules it imports, and a module graph that does not parse
// cannot be bundled, so a syntax error there stays an error.

// notParsed is the compiled form of a classic script esbuild could not
// parse: the source as written, with the errors as warnings (errors with
// strict) that say so.
func notParsed(o esbuildOptions, rel string, code []byte, errs []api.Message) compiled {
	sev, what := Warning, "the script is copied as written and the browser stops at this error when it runs it (--strict makes this an error)"
	if o.strict {
		sev, what = Error, "the script does not parse"
	}
	c := compiled{inputs: []string{rel}}
	for _, d := range esbuildDiagnostics(errs, sev, "") {
		d.Message += ": " + what
		c.diags = append(c.diags, d)
	}
	if !o.strict {
		c.code = code
	}
	return c
}
