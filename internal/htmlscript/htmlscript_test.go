package htmlscript

import (
	"slices"
	"strings"
	"testing"
)

func TestFindScripts(t *testing.T) {
	html := `<!doctype html>
<html><head>
<!-- <script src="commented.js"></script> -->
<script src="a.js"></script>
<SCRIPT type="module" SRC='b.mjs'></SCRIPT>
<script src=c.js defer></script>
<script>inline()</script>
<script type="text/template"><div></div></script>
<scripts>not a script</scripts>
<script src="https://cdn.example/x.js"></script>
<script src="d.js?x=1&amp;y=2"/></script>
</head></html>`
	tags := Find([]byte(html))
	var got []string
	for _, s := range tags {
		got = append(got, s.Src+"|"+s.Type)
	}
	want := []string{"a.js|", "b.mjs|module", "c.js|", "|", "|text/template", "https://cdn.example/x.js|", "d.js?x=1&y=2|"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("Find = %q, want %q", got, want)
	}
	if tags[0].Pos.Line != 4 || tags[0].Pos.Column != 1 {
		t.Errorf("a.js at %d:%d, want 4:1", tags[0].Pos.Line, tags[0].Pos.Column)
	}
	if !tags[1].Module || tags[0].Module {
		t.Error("module detection wrong")
	}
	if tags[4].IsJavaScript() || !tags[1].IsJavaScript() {
		t.Error("IsJavaScript wrong")
	}
	if code := InlineCode([]byte(html), tags[3]); code != "inline()" {
		t.Errorf("InlineCode = %q", code)
	}
	if html[tags[0].Start:tags[0].End] != `<script src="a.js"></script>` {
		t.Errorf("element span = %q", html[tags[0].Start:tags[0].End])
	}
}

func FuzzFindScripts(f *testing.F) {
	for _, s := range []string{`<script src="a.js"></script>`, `<script type=module src=b.js>`, `<!-- <script>`, `<script src="x`, `<script>`, `<SCRIPT SRC='a'></SCRIPT><script/>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		last := 0
		for _, s := range Find(data) {
			if s.Start < last || s.End < s.Start || s.End > len(data) {
				t.Fatalf("bad span %d-%d after %d in %q", s.Start, s.End, last, data)
			}
			if !strings.HasPrefix(strings.ToLower(string(data[s.Start:])), "<script") {
				t.Fatalf("span does not start with <script: %q", data[s.Start:s.End])
			}
			last = s.End
			_ = InlineCode(data, s)
		}
	})
}

// TestFindLikeABrowser checks the cases where a scanner that only looks
// for "<script" and "<!--" differs from the browser's tokenizer: scripts
// in a <template> do not run, the raw text of <textarea>, <title>, <style>
// and <noscript> holds no elements, comments end as the HTML standard says,
// character references in attributes are decoded, and a "<!--<script>" in
// a script's text keeps its "</script>" from ending the element.
func TestFindLikeABrowser(t *testing.T) {
	for _, tt := range []struct {
		name, html string
		want       []string // Src of each element
	}{
		{"template", `<template><script src="t.js"></script></template><script src="a.js"></script>`, []string{"a.js"}},
		{"nested template", `<template><template></template><script src=t.js></script></template><script src=a.js></script>`, []string{"a.js"}},
		{"template end without start", `</template><script src=a.js></script>`, []string{"a.js"}},
		{"textarea", `<textarea><script src="x.js"></script></textarea><script src="a.js"></script>`, []string{"a.js"}},
		{"title", `<title><script src="x.js"></script></title>`, nil},
		{"style", `<style>/*<script src="x.js"></script>*/</style>`, nil},
		{"noscript", `<noscript><script src="x.js"></script></noscript>`, nil},
		{"numeric character references", `<script src="a&#46;js"></script><script src="b&#x2F;c.js"></script>`, []string{"a.js", "b/c.js"}},
		{"named character references", `<script src="a.js?x=1&amp;y=2&lt;"></script><script src="b&period;js"></script>`, []string{"a.js?x=1&y=2<", "b.js"}},
		{"empty comment", `<!--> <script src="a.js"></script> -->`, []string{"a.js"}},
		{"comment ending in --!>", `<!-- x --!> <script src="a.js"></script>`, []string{"a.js"}},
		{"escaped script text", `<script>document.write("<!--<script>")</script><script src="b.js"></script>`, []string{""}},
		{"self-closing script", `<script src="a.js"/><script src="b.js"></script>`, []string{"a.js"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range Find([]byte(tt.html)) {
				got = append(got, s.Src)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Find(%q) finds %q, want %q", tt.html, got, tt.want)
			}
		})
	}
}

// TestHeadEnd checks where a script goes in a page without script elements.
func TestHeadEnd(t *testing.T) {
	for _, tt := range []struct {
		name, html string
		want       int
	}{
		{"head", "<html><head><title>x</title></head><body></body>", len("<html><head><title>x</title>")},
		{"upper case", "<HEAD></HEAD >", len("<HEAD>")},
		{"no head", "<p>text", len("<p>text")},
		{"head in a comment", "<!-- </head> --><head></head>", len("<!-- </head> --><head>")},
		{"head in a title", "<title></head></title></head>", len("<title></head></title>")},
		{"head in a template", "<template></head></template></head>", len("<template></head></template>")},
		{"empty comment", "<!--></head>", len("<!-->")},
		{"unclosed comment", "<head><!-- unclosed", len("<head>")},
		{"unclosed comment ending in >", "<p><!-- a>", len("<p>")},
		{"unclosed tag", `<p><script src="x`, len("<p>")},
		{"unclosed title", "<p><title>x", len("<p>")},
		{"unclosed doctype", "<!doctype html", 0},
		{"closed comment at the end", "<p><!-- a -->", len("<p><!-- a -->")},
		// A finding of bundle's FuzzInsertScript: "</" at the end is text,
		// but "</<script" is a bogus comment.
		{"cut end tag", "0000</", len("0000")},
		{"cut markup declaration", "a<!", len("a")},
		{"less-than in text", "a < b", len("a < b")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := HeadEnd([]byte(tt.html)); got != tt.want {
				t.Errorf("HeadEnd(%q) = %d (before %q), want %d (before %q)", tt.html, got, tt.html[got:], tt.want, tt.html[tt.want:])
			}
		})
	}
}

// TestFindPositions checks that positions are counted as textpos counts
// them: a lone "\r" breaks lines, a leading byte-order mark is not counted.
func TestFindPositions(t *testing.T) {
	for _, tt := range []struct {
		html      string
		line, col int
	}{
		{"<p>\n  <script></script>", 2, 3},
		{"<p>\r<script></script>", 2, 1},
		{"<p>\r\n<script></script>", 2, 1},
		{"\ufeff<script></script>", 1, 1},
	} {
		els := Find([]byte(tt.html))
		if len(els) != 1 || els[0].Pos.Line != tt.line || els[0].Pos.Column != tt.col {
			t.Errorf("Find(%q) = %+v, want one element at %d:%d", tt.html, els, tt.line, tt.col)
		}
	}
}
