package bundle

import (
	"testing"

	"github.com/webext-shim/webext-shim/internal/htmlscript"
)

// htmlSeeds are pages for FuzzInsertScript (internal/htmlscript's
// FuzzScriptSpans starts from the same pages): the shapes extension pages
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

// FuzzInsertScript checks the page rewriting that puts webext-shim's
// runtime into a page (insertScript) against the scanner: the rewritten page
// has the page's elements, unchanged and in order, and one more, the
// runtime, which comes before the first local classic script.
//
// The seed corpus runs with go test; the long run is
//
//	go test ./bundle -run '^$' -fuzz '^FuzzInsertScript$' -fuzztime 60s -parallel 1
func FuzzInsertScript(f *testing.F) {
	for _, s := range htmlSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkInsertScript(t, data)
	})
}

// checkInsertScript is the property of FuzzInsertScript for one page.
func checkInsertScript(t *testing.T, data []byte) {
	t.Helper()
	tags := htmlscript.Find(data)
	p := &page{path: "page.html", html: data}
	first := -1 // index in tags of the first local classic script
	for i, s := range tags {
		if s.HasSrc && s.IsJavaScript() && !s.Module {
			if _, ok := resolveRef("", decodeURLPath(s.Src)); ok {
				p.scripts = append(p.scripts, pageScript{tag: s, rel: s.Src})
				if first < 0 {
					first = i
				}
			}
		}
	}
	out := insertScript(p, RuntimeFile)
	got := htmlscript.Find(out)
	if len(got) != len(tags)+1 {
		t.Fatalf("the rewritten page has %d elements, want %d (the page's and the runtime):\npage: %q\nrewritten: %q", len(got), len(tags)+1, data, out)
	}
	at := -1
	for i, g := range got {
		if g.Src == "/"+RuntimeFile && at < 0 && (i == len(tags) || tags[i].Src != g.Src) {
			at = i
		}
	}
	if at < 0 {
		t.Fatalf("the rewritten page has no runtime element:\npage: %q\nrewritten: %q", data, out)
	}
	if first >= 0 && at > first {
		t.Fatalf("the runtime is element %d, after the first local classic script (%d):\npage: %q\nrewritten: %q", at, first, data, out)
	}
	rest := append(append([]htmlscript.Element(nil), got[:at]...), got[at+1:]...)
	for i, g := range rest {
		s := tags[i]
		if g.Src != s.Src || g.HasSrc != s.HasSrc || g.Type != s.Type || htmlscript.InlineCode(out, g) != htmlscript.InlineCode(data, s) {
			t.Fatalf("element %d changed from %+v to %+v:\npage: %q\nrewritten: %q", i, s, g, data, out)
		}
	}
}

// TestInsertScriptOutsideComments is a finding of FuzzInsertScript: on a
// page without script elements (a background page whose code is all
// inline, which the fallback's handler is added to), insertScript put the
// runtime before the first "</head" even when that was inside a comment,
// and at the end of a page that ended inside a comment, where the browser
// never loads it.
func TestInsertScriptOutsideComments(t *testing.T) {
	for _, html := range []string{
		"<!-- </head> --><head></head><body></body>",
		"<html><head><!-- </HEAD> -->\n</head></html>",
		"<head><!-- unclosed",
		"<!--",
	} {
		t.Run(html, func(t *testing.T) {
			out := insertScript(&page{path: "bg.html", html: []byte(html)}, BackgroundFile)
			got := htmlscript.Find(out)
			if len(got) != 1 || got[0].Src != "/"+BackgroundFile {
				t.Errorf("insertScript(%q) = %q, where the scanner finds %d script elements, want the one inserted", html, out, len(got))
			}
		})
	}
}
