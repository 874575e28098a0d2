package textpos

import "testing"

// slowPos computes the position of off the slow way: every byte from the
// start, a break counting only when it ends at or before off.
func slowPos(src []byte, off int) Pos {
	line, start := 1, 0
	if len(src) >= 3 && string(src[:3]) == "\xef\xbb\xbf" {
		if off < 3 {
			return Pos{Offset: off, Line: 1, Column: 1}
		}
		start = 3
	}
	for j := start; j < off; {
		if n := LineBreakLen(src, j); n > 0 && j+n <= off {
			j += n
			line, start = line+1, j
		} else {
			j++
		}
	}
	return Pos{Offset: off, Line: line, Column: off - start + 1}
}

func TestAt(t *testing.T) {
	for _, tt := range []struct {
		src       string
		off       int
		line, col int
	}{
		{"", 0, 1, 1},
		{"abc", 2, 1, 3},
		{"a\nb", 2, 2, 1},
		{"a\r\nb", 3, 2, 1},
		{"a\r\nb", 2, 1, 3}, // inside "\r\n"
		{"a\rb", 2, 2, 1},
		{"a\u2028b", 4, 2, 1},
		{"a\u2029\u2028b", 7, 3, 1},
		{"é\nxé", 6, 2, 4},
		{"\ufeffabc", 4, 1, 2},
		{"\ufeffabc", 1, 1, 1},
		{"\ufeff\nabc", 4, 2, 1},
	} {
		got := At([]byte(tt.src), tt.off)
		if got != (Pos{Offset: tt.off, Line: tt.line, Column: tt.col}) {
			t.Errorf("At(%q, %d) = %d:%d, want %d:%d", tt.src, tt.off, got.Line, got.Column, tt.line, tt.col)
		}
		if slow := slowPos([]byte(tt.src), tt.off); slow != got {
			t.Errorf("slowPos(%q, %d) = %+v, At %+v", tt.src, tt.off, slow, got)
		}
	}
}

// FuzzCounter checks Counter on every offset of src, in order and then
// backwards, against the slow reference.
func FuzzCounter(f *testing.F) {
	for _, s := range []string{"\ufeffa\rb", "\ufeff", "\xef\xbb", "a\nb\r\nc\rd\u2028e\u2029f", "\r\r\n\n\r", "\xe2\x80", "é\u2028\xe2\x80\xa8x"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c := NewCounter(src)
		for off := 0; off <= len(src); off++ {
			if got, want := c.Pos(off), slowPos(src, off); got != want {
				t.Fatalf("Pos(%d) of %q = %+v, want %+v", off, src, got, want)
			}
		}
		for off := len(src); off >= 0; off-- {
			if got, want := c.Pos(off), slowPos(src, off); got != want {
				t.Fatalf("going back, Pos(%d) of %q = %+v, want %+v", off, src, got, want)
			}
		}
	})
}
