package browser

// ErrorEvent is one error that a browser reported about an extension: an
// uncaught exception or unhandled rejection, or a console.error or
// console.assert call, in its background or one of its pages.
type ErrorEvent struct {
	// ExtensionID is the id of the extension the error belongs to (the host
	// of its chrome-extension:// or moz-extension:// URLs), or "" when it
	// belongs to none.
	ExtensionID string
	// Context says where the error came from, such as "service worker
	// chrome-extension://ID/background.js" or "page
	// chrome-extension://ID/popup.html".
	Context string
	// Kind is "exception" for an uncaught exception or rejection,
	// "console.error" or "console.assert" for a console call, and "log"
	// for an error entry of the browser's log.
	Kind string
	// Message is the text of the error.
	Message string
	// URL is the script the error happened in, when known, with the 1-based
	// Line and Column there (0 when unknown).
	URL    string
	Line   int
	Column int
}
