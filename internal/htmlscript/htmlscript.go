// Package htmlscript finds the script elements of an HTML page: what a
// browser would load as scripts in the pages of an extension.
package htmlscript

import (
	"bytes"
	"strings"

	"github.com/webext-shim/webext-shim/internal/textpos"
)

// Element is one <script> element of an HTML page.
type Element struct {
	// Src is the src attribute ("" for an inline script); HasSrc tells an
	// empty src from none.
	Src    string
	HasSrc bool
	// Module is set for type="module".
	Module bool
	// Type is the type attribute, lowercased ("" when absent).
	Type string
	// Start and End are the byte offsets of the whole element, from "<script"
	// to the end of "</script>" (or of the document when it is unclosed: its
	// content is raw text to the end).
	Start, End int
	// Pos is the position of "<script".
	Pos textpos.Pos
}

// IsJavaScript reports whether the browser runs the tag as JavaScript.
func (s Element) IsJavaScript() bool {
	switch s.Type {
	case "", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript":
		return true
	}
	return false
}

// Find returns the <script> elements of an HTML document in order,
// skipping comments. It is a scanner, not a full HTML parser: enough to find
// what a browser would load as scripts in the pages of an extension.
func Find(html []byte) []Element {
	var tags []Element
	lower := asciiLower(html)
	for i := 0; i < len(html); {
		lt := bytes.IndexByte(html[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		if bytes.HasPrefix(html[i:], []byte("<!--")) {
			end := bytes.Index(html[i+4:], []byte("-->"))
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		if !bytes.HasPrefix(lower[i:], []byte("<script")) || i+7 < len(html) && !isTagEnd(html[i+7]) {
			i++
			continue
		}
		tag := Element{Start: i, Pos: textpos.At(html, i)}
		attrs, end := parseAttributes(html, i+7)
		for _, a := range attrs {
			switch a.name {
			case "src":
				if !tag.HasSrc {
					tag.Src, tag.HasSrc = strings.TrimSpace(a.value), true
				}
			case "type":
				if tag.Type == "" {
					tag.Type = strings.ToLower(strings.TrimSpace(a.value))
				}
			}
		}
		tag.Module = tag.Type == "module"
		i = end
		// The element's content is raw text up to </script, or to the
		// end of the document when there is none.
		if close := bytes.Index(lower[i:], []byte("</script")); close >= 0 {
			i += close
			if gt := bytes.IndexByte(html[i:], '>'); gt >= 0 {
				i += gt + 1
			} else {
				i = len(html)
			}
		} else {
			i = len(html)
		}
		tag.End = i
		tags = append(tags, tag)
	}
	return tags
}

// InlineCode returns the text between the start and end tags of s.
func InlineCode(html []byte, s Element) string {
	_, start := parseAttributes(html, s.Start+7)
	body := html[start:s.End]
	if i := bytes.LastIndex(asciiLower(body), []byte("</script")); i >= 0 {
		body = body[:i]
	}
	return string(body)
}

func isTagEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '>' || c == '/'
}

type attribute struct{ name, value string }

// parseAttributes reads the attributes of a start tag from offset i (just
// after the tag name) and returns them with the offset after the tag's '>'.
func parseAttributes(html []byte, i int) ([]attribute, int) {
	var attrs []attribute
	for i < len(html) {
		c := html[i]
		switch {
		case c == '>':
			return attrs, i + 1
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/':
			i++
			continue
		}
		start := i
		for i < len(html) && !isTagEnd(html[i]) && html[i] != '=' {
			i++
		}
		name := strings.ToLower(string(html[start:i]))
		for i < len(html) && (html[i] == ' ' || html[i] == '\t' || html[i] == '\n' || html[i] == '\r') {
			i++
		}
		if i >= len(html) || html[i] != '=' {
			attrs = append(attrs, attribute{name: name})
			continue
		}
		i++ // =
		for i < len(html) && (html[i] == ' ' || html[i] == '\t' || html[i] == '\n' || html[i] == '\r') {
			i++
		}
		var value string
		if i < len(html) && (html[i] == '"' || html[i] == '\'') {
			q := html[i]
			end := bytes.IndexByte(html[i+1:], q)
			if end < 0 {
				return append(attrs, attribute{name, string(html[i+1:])}), len(html)
			}
			value = string(html[i+1 : i+1+end])
			i += end + 2
		} else {
			vs := i
			for i < len(html) && !isTagEnd(html[i]) {
				i++
			}
			value = string(html[vs:i])
		}
		attrs = append(attrs, attribute{name, decodeEntities(value)})
	}
	return attrs, len(html)
}

// decodeEntities decodes the few character references that appear in
// script URLs.
func decodeEntities(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return strings.NewReplacer("&amp;", "&", "&quot;", `"`, "&#39;", "'", "&apos;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

// asciiLower lowercases ASCII letters only, so that offsets into the result
// are offsets into data (bytes.ToLower may change the length of non-ASCII
// text).
func asciiLower(data []byte) []byte {
	out := make([]byte, len(data))
	for i, c := range data {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
