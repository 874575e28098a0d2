// Package bundle turns one extension source tree into one ready extension
// per target browser.
//
// So far it holds its readers: ParseJSONC reads manifest.json (comments
// and a byte-order mark accepted, positions kept for diagnostics, member
// order kept for rewriting) and FindScripts finds the <script> elements of
// the extension's HTML pages. Diagnostics are data (file, line, column,
// severity, message); only the command formats them.
package bundle
