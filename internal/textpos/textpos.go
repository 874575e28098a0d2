// Package textpos holds the position in a source file that webext-shim's
// readers (the JSON-with-comments reader, the JavaScript scanner and the
// HTML script finder) report, and the one way they count lines and
// columns, so that a diagnostic's line and column mean the same whichever
// reader found it.
//
// Lines end at "\n", "\r\n", a lone "\r", U+2028 and U+2029: JavaScript's
// line terminators, which esbuild counts too, so that a position in a
// script is where esbuild's messages put it. For JSON and HTML, "\n",
// "\r\n" and "\r" are what editors count (the HTML standard turns "\r\n"
// and "\r" into "\n"); U+2028 and U+2029 rarely occur outside strings.
// Lines and columns are 1-based, and a column counts bytes from the start
// of its line, as Go's go/token does. A byte-order mark at the start of the
// file is not part of the first line: editors do not show it, and the
// column of what follows it is 1.
package textpos

import "bytes"

// Pos is a position in a source file.
type Pos struct {
	Offset int // byte offset
	Line   int // 1-based
	Column int // 1-based, in bytes
}

// At returns the position of offset off in src. To find the positions of
// many offsets, use a Counter.
func At(src []byte, off int) Pos {
	c := NewCounter(src)
	return c.Pos(off)
}

// Counter turns byte offsets into positions, counting the bytes between
// one offset and the next once: positions of increasing offsets cost time
// linear in the length of the source all together. An offset lower than
// the one before is counted again from the start.
type Counter struct {
	src       []byte
	off       int // the bytes before off are counted
	line      int // the line at off
	lineStart int // the offset where that line starts
}

// NewCounter returns a Counter for src.
func NewCounter(src []byte) *Counter {
	c := &Counter{src: src}
	c.reset()
	return c
}

// bom is the UTF-8 byte-order mark.
const bom = "\xef\xbb\xbf"

// reset goes back to the start of the source, past a byte-order mark.
func (c *Counter) reset() {
	c.off, c.line, c.lineStart = 0, 1, 0
	if bytes.HasPrefix(c.src, []byte(bom)) {
		c.off, c.lineStart = len(bom), len(bom)
	}
}

// Pos returns the position of offset off, which must be in [0, len(src)].
// An offset inside a line break ("\r\n", U+2028) belongs to the line the
// break ends.
func (c *Counter) Pos(off int) Pos {
	if off < c.off {
		c.reset()
		if off < c.off { // inside the byte-order mark
			return Pos{Offset: off, Line: 1, Column: 1}
		}
	}
	if seg := c.src[c.off:off]; bytes.IndexByte(seg, '\r') < 0 && bytes.IndexByte(seg, 0xE2) < 0 {
		// Only "\n" can break lines before off: count them the fast way.
		if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
			c.line += n
			c.lineStart = c.off + bytes.LastIndexByte(seg, '\n') + 1
		}
		c.off = off
	}
	for c.off < off {
		n := LineBreakLen(c.src, c.off)
		if n == 0 {
			c.off++
			continue
		}
		if c.off+n > off {
			break // off is inside the break
		}
		c.off += n
		c.line++
		c.lineStart = c.off
	}
	return Pos{Offset: off, Line: c.line, Column: off - c.lineStart + 1}
}

// LineBreakLen returns the length of the line break at src[i:] ("\n",
// "\r\n", "\r", U+2028 or U+2029), or 0.
func LineBreakLen(src []byte, i int) int {
	switch src[i] {
	case '\n':
		return 1
	case '\r':
		if i+1 < len(src) && src[i+1] == '\n' {
			return 2
		}
		return 1
	case 0xE2: // U+2028 and U+2029 are E2 80 A8 and E2 80 A9
		if i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9) {
			return 3
		}
	}
	return 0
}
