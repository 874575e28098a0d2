package bundle

import (
	"strings"
	"testing"
)

func TestParseCSSColor(t *testing.T) {
	cases := []struct {
		in   string
		want [3]int
		err  string
	}{
		{"#1e3a5f", [3]int{30, 58, 95}, ""},
		{"#ABC", [3]int{0xaa, 0xbb, 0xcc}, ""},
		{"#abcd", [3]int{0xaa, 0xbb, 0xcc}, ""},
		{"#fafafa80", [3]int{250, 250, 250}, ""},
		{"rgb(240, 240, 240)", [3]int{240, 240, 240}, ""},
		{"rgba(1,2,3,0.5)", [3]int{1, 2, 3}, ""},
		{"rgb(1 2 3 / 50%)", [3]int{1, 2, 3}, ""},
		{"rgb(100%, 0%, 50%)", [3]int{255, 0, 128}, ""},
		{"rgb(300, -4, 2.6)", [3]int{255, 0, 3}, ""},
		{"hsl(210, 40%, 30%)", [3]int{46, 77, 107}, ""},
		{"hsl(0deg 100% 50%)", [3]int{255, 0, 0}, ""},
		{"hsla(120, 100%, 25%, 0.3)", [3]int{0, 128, 0}, ""},
		{"  White ", [3]int{255, 255, 255}, ""},
		{"rebeccapurple", [3]int{0, 0, 0}, `"rebeccapurple" is not a colour`},
		{"cornflowerblue", [3]int{100, 149, 237}, ""},
		{"#12345", [3]int{}, "want 3, 4, 6 or 8 hex digits"},
		{"#ggg", [3]int{}, "is not hexadecimal"},
		{"rgb(1, 2)", [3]int{}, "want 3 or 4 values"},
		{"rgb(a, b, c)", [3]int{}, "is not a number"},
		{"lab(50% 40 59)", [3]int{}, "not a colour this tool reads"},
		{"", [3]int{}, "is not a colour"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := parseCSSColor(c.in)
			switch {
			case c.err != "":
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Errorf("err = %v, want one with %q", err, c.err)
				}
			case err != nil:
				t.Errorf("err = %v", err)
			case got != c.want:
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

// FuzzParseCSSColor: any string either fails or gives three channels in
// 0-255, and a colour written back as #rrggbb reads the same.
func FuzzParseCSSColor(f *testing.F) {
	for _, s := range []string{"#1e3a5f", "rgb(1, 2, 3)", "hsl(210, 40%, 30%)", "white", "rgba(1 2 3 / 4%)", "#abcd", "hsl(-30, 200%, 50%)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rgb, err := parseCSSColor(s)
		if err != nil {
			return
		}
		for _, c := range rgb {
			if c < 0 || c > 255 {
				t.Fatalf("parseCSSColor(%q) = %v: a channel out of 0-255", s, rgb)
			}
		}
		hex := "#" + hex2(rgb[0]) + hex2(rgb[1]) + hex2(rgb[2])
		if again, err := parseCSSColor(hex); err != nil || again != rgb {
			t.Fatalf("%q -> %v -> %q -> %v, %v", s, rgb, hex, again, err)
		}
	})
}

func hex2(c int) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}
