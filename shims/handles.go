package shims

import (
	"slices"

	"github.com/webext-shim/webext-shim/targets"
)

// HandleCheck asks for a diagnostic at each use, in one file, of the value
// an API yields that needs it synchronously (a property read or call result
// used without await, an identity check, a read of the object's DOM: see
// internal/handleuse), where that value is a handle that reaches its object
// by message and can only answer asynchronously.
type HandleCheck struct {
	// APIs are the member paths whose calls yield the handle
	// ("runtime.getBackgroundPage"), in both namespaces; a build checks the
	// files of the entries where the shim replaces one of them.
	APIs []string
	// Contexts are the contexts in which the value is the handle.
	Contexts []Context
	// Where says for which targets and outputs the APIs always yield the
	// handle (among those that need the shim); nil: all of them.
	Where func(t targets.Target, out Output) bool
	// Reached says how the handle reaches its object there, for the
	// messages: "the background is reached by message here".
	Reached string
	// Identity says what to do instead of an identity check of the handle.
	Identity string
	// DOM says what to do instead of reading the object's DOM.
	DOM string
	// Write says what to do instead of assigning through the handle.
	Write string
}

// Applies reports whether the check applies to code running in one of the
// contexts ctxs on target t with output out.
func (h HandleCheck) Applies(t targets.Target, out Output, ctxs []Context) bool {
	if !slices.ContainsFunc(ctxs, func(x Context) bool { return slices.Contains(h.Contexts, x) }) {
		return false
	}
	return h.Where == nil || h.Where(t, out)
}

// inServiceWorker holds for an output whose background is a service worker.
func inServiceWorker(_ targets.Target, out Output) bool {
	return out.Background == BackgroundServiceWorker
}
