package jsscan

import (
	"reflect"
	"slices"
	"strconv"
	"testing"
)

func TestScanGlobalUses(t *testing.T) {
	want := func(id []byte) bool {
		return slices.Contains([]string{"document", "localStorage", "URL", "window"}, string(id))
	}
	cases := []struct {
		src  string
		uses []string // name.member@line:col
	}{
		{"document.title", []string{"document.title@1:1"}},
		{"x = localStorage;", []string{"localStorage@1:5"}},
		{"globalThis.localStorage.getItem('a')", []string{"localStorage.getItem@1:12"}},
		{"URL.createObjectURL(b)", []string{"URL.createObjectURL@1:1"}},
		{"new URL('x')", []string{"URL@1:5"}},
		{"foo.document; ({document: 1}); let document2;", nil},
		{"// document\n'document'; `document`; /document/", nil},
		{"if (typeof document !== 'undefined') document.title = 1;", nil},
		{"const w = window;\n  w.x = 1;", []string{"window@1:11"}},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			var got []string
			for _, u := range GlobalUses([]byte(c.src), want) {
				s := u.Name
				if u.Member != "" {
					s += "." + u.Member
				}
				got = append(got, s+"@"+itoa(u.Line)+":"+itoa(u.Column))
			}
			if !reflect.DeepEqual(got, c.uses) {
				t.Errorf("got %q, want %q", got, c.uses)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
