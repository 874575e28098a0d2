// Package textenc tells whether a source file is in the encoding browsers
// read extension files in, UTF-8, and if not, where it goes wrong.
package textenc

import (
	"bytes"
	"unicode/utf8"
)

// UTF16Like reports whether data starts like UTF-16 text: a UTF-16
// byte-order mark, or an ASCII character next to a zero byte.
func UTF16Like(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xfe, 0xff}) || bytes.HasPrefix(data, []byte{0xff, 0xfe}) {
		return true
	}
	return len(data) >= 2 && (data[0] == 0) != (data[1] == 0) && data[0] < 0x80 && data[1] < 0x80
}

// InvalidUTF8 returns the offset of the first byte of data that is not
// part of a valid UTF-8 sequence (len(data) when there is none).
func InvalidUTF8(data []byte) int {
	for off := 0; off < len(data); {
		r, size := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && size <= 1 {
			return off
		}
		off += size
	}
	return len(data)
}
