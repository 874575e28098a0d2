// Package textpos holds the position in a source file that webext-shim's
// readers (the JSON-with-comments reader, the JavaScript scanner and the
// HTML script finder) report, so that a diagnostic's line and column mean
// the same whichever reader found it.
package textpos

import "bytes"

// Pos is a position in a source file.
type Pos struct {
	Offset int // byte offset
	Line   int // 1-based
	Column int // 1-based, in bytes
}

// At computes the line and column of offset off in data.
func At(data []byte, off int) Pos {
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return Pos{Offset: off, Line: line, Column: col}
}
