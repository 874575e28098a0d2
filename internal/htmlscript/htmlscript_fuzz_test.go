package htmlscript

import (
	"bytes"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/internal/textpos"
)

// htmlSeeds are pages for the fuzz targets (bundle's FuzzInsertScript
// starts from the same pages): the shapes extension pages
// have, and the corner cases of the scanner (comments, unclosed tags and
// quotes, upper case, entities, self-closing tags, "<script" at the end).
var htmlSeeds = []string{
	"<!doctype html>\n<html><head>\n<script src=\"a.js\"></script>\n<script type=\"module\" src=\"b.mjs\"></script>\n</head><body></body></html>\n",
	"<html><head><title>x</title></head><body><p>no scripts</p></body></html>",
	"<!-- <script src=\"commented.js\"></script> -->\n<script src=c.js defer></script>",
	"<SCRIPT TYPE='Module' SRC='b.mjs'></SCRIPT><script/>",
	"<script>inline()</script><script type=\"text/template\"><div></div></script>",
	"<script src=\"d.js?x=1&amp;y=2\"/></script><scripts>not a script</scripts>",
	"<script src=\"https://cdn.example/x.js\"></script>",
	"<script src=\"x",
	"<script>",
	"<script",
	"<!--",
	"<!-- </head> --><head></head><body></body>",
	"<head><!-- unclosed",
	"<script>a</script  ><script\n\tsrc = 'e.js'\n>b</SCRIPT\n>",
	"<script src=\"\"></script><script src></script>",
	"\xef\xbb\xbf<script src=\"ü.js\">\u2028</script>",
}

// FuzzScriptSpans checks Find and InlineCode on any input:
//   - no panic; elements in order, not overlapping, inside the input, each
//     starting with "<script" followed by a tag end or the end of input;
//   - Pos is the line and column of Start, Module is type="module", Src and
//     Type are trimmed (Type lowercased);
//   - InlineCode is text of the element, after its start tag;
//   - round trips: an element cut out of the page and scanned alone is the
//     same element, spanning the whole cut, with the same inline code; the
//     page behind a complete comment line has the same elements, moved by the
//     comment's length and one line.
//
// The seed corpus runs with go test; the long run is
//
//	go test ./internal/htmlscript -run '^$' -fuzz '^FuzzScriptSpans$' -fuzztime 60s -parallel 1
func FuzzScriptSpans(f *testing.F) {
	for _, s := range htmlSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tags := Find(data)
		last := 0
		for i, s := range tags {
			if s.Start < last || s.End <= s.Start || s.End > len(data) {
				t.Fatalf("element %d spans %d-%d after %d in %d bytes: %q", i, s.Start, s.End, last, len(data), data)
			}
			last = s.End
			if !bytes.HasPrefix(bytes.ToLower(data[s.Start:s.End]), []byte("<script")) {
				t.Fatalf("element %d does not start with <script: %q", i, data[s.Start:s.End])
			}
			if s.Start+7 < len(data) && !isTagEnd(data[s.Start+7]) {
				t.Fatalf("element %d is a longer tag name: %q", i, data[s.Start:s.End])
			}
			if want := textpos.At(data, s.Start); s.Pos != want {
				t.Fatalf("element %d at offset %d has position %+v, want %d:%d", i, s.Start, s.Pos, want.Line, want.Column)
			}
			if s.Module != (s.Type == "module") || s.Type != strings.ToLower(strings.TrimSpace(s.Type)) || s.Src != strings.TrimSpace(s.Src) || !s.HasSrc && s.Src != "" {
				t.Fatalf("element %d has inconsistent attributes %+v", i, s)
			}
			elem := data[s.Start:s.End]
			code := InlineCode(data, s)
			if !bytes.Contains(elem[min(len(elem), 7):], []byte(code)) {
				t.Fatalf("inline code %q is not text of element %q", code, elem)
			}
			alone := Find(elem)
			if len(alone) != 1 {
				t.Fatalf("element %q scanned alone gives %d elements", elem, len(alone))
			}
			a := alone[0]
			if a.Start != 0 || a.End != len(elem) || a.Src != s.Src || a.HasSrc != s.HasSrc || a.Type != s.Type {
				t.Fatalf("element %q scanned alone gives %+v, in the page %+v", elem, a, s)
			}
			if got := InlineCode(elem, a); got != code {
				t.Fatalf("element %q alone has inline code %q, in the page %q", elem, got, code)
			}
		}
		const comment = "<!-- a comment -->\n"
		moved := Find(append([]byte(comment), data...))
		if len(moved) != len(tags) {
			t.Fatalf("behind a comment, %q has %d elements, not %d", data, len(moved), len(tags))
		}
		for i, m := range moved {
			s := tags[i]
			want := s
			want.Start += len(comment)
			want.End += len(comment)
			want.TextStart += len(comment)
			want.TextEnd += len(comment)
			want.Pos = textpos.Pos{Offset: s.Pos.Offset + len(comment), Line: s.Pos.Line + 1, Column: s.Pos.Column}
			if s.Pos.Line == 1 && bytes.HasPrefix(data, []byte("\ufeff")) {
				// A byte-order mark is not counted at the start of the
				// page, and is behind the comment.
				want.Pos.Column += len("\ufeff")
			}
			if m != want {
				t.Fatalf("behind a comment, element %d of %q is %+v, want %+v", i, data, m, want)
			}
		}
	})
}

// TestFindUnclosedElement is a finding of bundle's FuzzInsertScript: a
// <script> start tag without an end tag ended, for Find, at its start
// tag, so the script elements it found after it were elements of their own.
// For the HTML parser the element's text runs to the next "</script" or to
// the end of the document, and the "<script" tags in that text are text:
// the browser loads none of them. (So insertScript's tag before the second
// one landed inside the first element, which its end tag closed.)
func TestFindUnclosedElement(t *testing.T) {
	for _, tt := range []struct {
		html string
		want []string // Src of each element
	}{
		{`<script><script src="a.js">`, []string{""}},
		{`<script src="a.js"><p>text<script src="b.js">`, []string{"a.js"}},
		{`<sCript><sCript srC=0`, []string{""}},
		{`0<sCript </sCript><sCript srC=0`, []string{""}},
		{`<script src="a.js"></script><script src="b.js">`, []string{"a.js", "b.js"}},
	} {
		t.Run(tt.html, func(t *testing.T) {
			tags := Find([]byte(tt.html))
			var got []string
			for _, s := range tags {
				got = append(got, s.Src)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(tags) != len(tt.want) {
				t.Fatalf("Find(%q) finds %q, want %q", tt.html, got, tt.want)
			}
			if last := tags[len(tags)-1]; last.End != len(tt.html) {
				t.Errorf("Find(%q): the unclosed element ends at %d, want the end of the document, %d", tt.html, last.End, len(tt.html))
			}
		})
	}
}

// isTagEnd reports whether c ends a tag name.
func isTagEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '>' || c == '/'
}
