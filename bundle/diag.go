package bundle

import (
	"fmt"

	"github.com/webext-shim/webext-shim/internal/textpos"
)

// Severity is how bad a diagnostic is.
type Severity string

// The severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Diagnostic is one message about the source, with its position when it
// has one. Line and Column are 1-based; 0 means unknown.
type Diagnostic struct {
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line,omitempty"`
	Column   int      `json:"column,omitempty"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Target is the browser the diagnostic is about, "" for all.
	Target string `json:"target,omitempty"`
}

// String formats the diagnostic as compilers do:
// "popup.js:12:5: warning: ...".
func (d Diagnostic) String() string {
	pos := d.File
	if pos != "" && d.Line > 0 {
		pos += fmt.Sprintf(":%d", d.Line)
		if d.Column > 0 {
			pos += fmt.Sprintf(":%d", d.Column)
		}
	}
	if pos != "" {
		pos += ": "
	}
	return pos + string(d.Severity) + ": " + d.Message
}

// Diagnostics is a list of diagnostics.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Pos is a position in a source file: its byte offset, and its 1-based
// line and column (the column counts bytes).
type Pos = textpos.Pos

func diagAt(file string, p Pos, sev Severity, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: p.Line, Column: p.Column, Severity: sev, Message: fmt.Sprintf(format, args...)}
}
