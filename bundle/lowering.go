package bundle

import (
	"fmt"
	"slices"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Syntax that esbuild cannot lower for the range's oldest version (let and
// const for Firefox before 51, async functions for Chrome before 55, ...)
// is left as written: the browsers the manifest declares ran the source as
// it is, and a build never refuses what they accept. A note says so, per
// file and target.

// isLowering reports whether m is esbuild's "Transforming X to the
// configured target environment (...) is not supported yet".
func isLowering(m api.Message) bool {
	return strings.Contains(m.Text, "to the configured target environment") && strings.Contains(m.Text, "is not supported yet")
}

// isLoweringFailure reports whether every error is a lowering one.
func isLoweringFailure(errs []api.Message) bool {
	return len(errs) > 0 && !slices.ContainsFunc(errs, func(m api.Message) bool { return !isLowering(m) })
}

// loweringFailures returns the errors that are lowering ones.
func loweringFailures(errs []api.Message) []api.Message {
	var out []api.Message
	for _, m := range errs {
		if isLowering(m) {
			out = append(out, m)
		}
	}
	return out
}

// loweringNote is the note for a file whose syntax is left as written: it
// names the syntax esbuild could not lower (the X of its messages).
func loweringNote(file string, errs []api.Message, oldest string) Diagnostic {
	var what []string
	for _, m := range errs {
		x, _, _ := strings.Cut(strings.TrimPrefix(m.Text, "Transforming "), " to the configured target environment")
		if !slices.Contains(what, x) {
			what = append(what, x)
		}
	}
	return Diagnostic{File: file, Line: 1, Column: 1, Severity: Info,
		Message: fmt.Sprintf("esbuild cannot lower %s for %s, the range's oldest version, so the code is left as written, as the source has it", strings.Join(what, ", "), oldest)}
}
