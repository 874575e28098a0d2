package htmlscript

import (
	"reflect"
	"testing"

	"github.com/webext-shim/webext-shim/internal/textpos"
)

func TestStylesheets(t *testing.T) {
	tests := []struct {
		name, page string
		want       []Stylesheet
	}{
		{"one", `<link rel="stylesheet" href="a.css">`, []Stylesheet{{Href: "a.css", Pos: textpos.Pos{Line: 1, Column: 1}}}},
		{"rel words and case", "<p>\n  <link REL=\"alternate Stylesheet\" href=' b.css '/>", []Stylesheet{{Href: "b.css", Pos: textpos.Pos{Offset: 6, Line: 2, Column: 3}}}},
		{"not a stylesheet", `<link rel="icon" href="i.png"><link rel="stylesheets" href="x.css">`, nil},
		{"no href", `<link rel="stylesheet"><link rel="stylesheet" href="">`, nil},
		{"first attribute counts", `<link rel="stylesheet" href="a.css" href="b.css">`, []Stylesheet{{Href: "a.css", Pos: textpos.Pos{Line: 1, Column: 1}}}},
		{"in a template", `<template><link rel="stylesheet" href="t.css"></template>`, nil},
		{"in a comment or script", `<!-- <link rel="stylesheet" href="c.css"> --><script>"<link rel=stylesheet href=s.css>"</script>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Stylesheets([]byte(tt.page)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Stylesheets = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func FuzzStylesheets(f *testing.F) {
	f.Add(`<link rel="stylesheet" href="a.css">`)
	f.Add(`<template><link rel=stylesheet href=x></template><link rel="STYLESHEET" href=y>`)
	f.Fuzz(func(t *testing.T, page string) {
		for _, l := range Stylesheets([]byte(page)) {
			if l.Href == "" || l.Pos.Offset < 0 || l.Pos.Offset >= len(page) || page[l.Pos.Offset] != '<' {
				t.Fatalf("bad link %+v in %q", l, page)
			}
		}
	})
}
