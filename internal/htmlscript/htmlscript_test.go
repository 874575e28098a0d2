package htmlscript

import (
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
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

func FuzzFind(f *testing.F) {
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
