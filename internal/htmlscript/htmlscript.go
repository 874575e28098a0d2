// Package htmlscript finds the script elements of an HTML page: what a
// browser would load as scripts in the pages of an extension.
//
// It reads the page with the tokenizer of golang.org/x/net/html, which
// follows the HTML standard's tokenization: comments (including the odd
// ones, "<!-->" and "--!>"), the raw text of <script>, <style>, <textarea>,
// <title> and the other raw-text elements (a "<script" in them is text),
// character references in attribute values, and the end of a script
// element at "</script" outside its escaped "<!--" sections. Positions are
// byte offsets into the page, summed from the tokens' raw bytes.
package htmlscript

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"

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
	// TextStart and TextEnd are the byte offsets of the element's text,
	// between its start and end tags.
	TextStart, TextEnd int
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

// Find returns the <script> elements of an HTML document in order. Those
// inside a <template> are left out: a template's content is inert, and the
// browser runs none of its scripts.
func Find(page []byte) []Element {
	var (
		elems    []Element
		z        = html.NewTokenizer(bytes.NewReader(page))
		lines    = textpos.NewCounter(page)
		off      int      // the offset of the current token
		open     *Element // the script element whose end tag comes next
		keep     bool     // whether open is outside templates
		template int      // the number of open <template> elements
	)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := len(z.Raw())
		name, hasAttr := z.TagName()
		switch {
		case open != nil && tt == html.TextToken:
			open.TextEnd = off + raw
		case open != nil:
			// The tokenizer ends a script's raw text at its end tag only.
			open.End = off + raw
			if keep {
				elems = append(elems, *open)
			}
			open = nil
		case tt == html.StartTagToken && string(name) == "template":
			template++
		case tt == html.EndTagToken && string(name) == "template" && template > 0:
			template--
		case (tt == html.StartTagToken || tt == html.SelfClosingTagToken) && string(name) == "script":
			// The tokenizer reads the text after <script/> as raw text as
			// well: a self-closing flag means nothing on <script>.
			el := scriptElement(z, hasAttr)
			el.Start, el.Pos = off, lines.Pos(off)
			el.TextStart, el.TextEnd = off+raw, off+raw
			open, keep = &el, template == 0
		}
		off += raw
	}
	if open != nil && keep {
		// The document ends inside the element: its text runs to the end.
		open.End = len(page)
		elems = append(elems, *open)
	}
	return elems
}

// scriptElement reads the attributes of the script start tag z is at.
// Values are decoded (the tokenizer decodes character references); the
// first of two attributes of the same name counts, as in browsers.
func scriptElement(z *html.Tokenizer, hasAttr bool) Element {
	var el Element
	var hasType bool
	for hasAttr {
		var key, val []byte
		key, val, hasAttr = z.TagAttr()
		switch string(key) {
		case "src":
			if !el.HasSrc {
				el.Src, el.HasSrc = strings.TrimSpace(string(val)), true
			}
		case "type":
			if !hasType {
				el.Type, hasType = strings.ToLower(strings.TrimSpace(string(val))), true
			}
		}
	}
	el.Module = el.Type == "module"
	return el
}

// InlineCode returns the text between the start and end tags of s.
func InlineCode(page []byte, s Element) string {
	return string(page[s.TextStart:s.TextEnd])
}

// rawTextElements are the elements whose text the tokenizer reads as raw
// text (or, for textarea and title, escapable raw text) up to their end
// tag: markup inside them is text.
var rawTextElements = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true,
}

// HeadEnd returns where a script goes in a page without script elements:
// before the first </head> end tag (outside templates, comments and raw
// text), else at the end of the last piece of the page the browser reads
// as complete markup. So a script inserted there is an element of the
// page, not text of a comment, a tag or a <textarea> left open at the end.
func HeadEnd(page []byte) int {
	z := html.NewTokenizer(bytes.NewReader(page))
	var (
		off      int    // the offset of the current token
		safe     int    // the end of the last complete token outside raw text
		rawOpen  string // the raw-text element whose end tag comes next
		template int    // the number of open <template> elements
	)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return safe
		}
		raw := z.Raw()
		name, _ := z.TagName()
		complete := true
		switch {
		case rawOpen != "":
			if tt == html.EndTagToken {
				rawOpen = "" // the tokenizer ends raw text at its end tag only
			} else {
				complete = false
			}
		case tt == html.StartTagToken || tt == html.SelfClosingTagToken:
			switch string(name) {
			case "template":
				template++
			default:
				if rawTextElements[string(name)] {
					rawOpen, complete = string(name), false
				}
			}
		case tt == html.EndTagToken && string(name) == "template" && template > 0:
			template--
		case tt == html.EndTagToken && string(name) == "head" && template == 0:
			return off
		case tt == html.CommentToken:
			complete = commentClosed(raw)
		case tt == html.DoctypeToken:
			complete = bytes.HasSuffix(raw, []byte(">"))
		}
		switch {
		case complete && tt == html.TextToken && cutMarkup(raw) >= 0:
			safe = off + cutMarkup(raw)
		case complete:
			safe = off + len(raw)
		}
		off += len(raw)
	}
}

// cutMarkup returns the offset in the text token raw of a '<' that starts
// markup cut by the end of the page ("<", "</", "<!", "<!-", "<?"), or -1:
// at the end of a page it is text, but with markup written after it, it
// would not be ("</<script" is a bogus comment).
func cutMarkup(raw []byte) int {
	i := bytes.LastIndexByte(raw, '<')
	if i < 0 {
		return -1
	}
	switch string(raw[i+1:]) {
	case "", "/", "!", "!-", "?":
		return i
	}
	return -1
}

// commentClosed reports whether the raw comment token raw (a comment, or a
// bogus comment such as "<!x>" or "<?x>") is closed, rather than cut by the
// end of the document.
func commentClosed(raw []byte) bool {
	if !bytes.HasPrefix(raw, []byte("<!--")) {
		return bytes.HasSuffix(raw, []byte(">"))
	}
	s := string(raw)
	return s == "<!-->" || s == "<!--->" || len(s) >= 7 && (strings.HasSuffix(s, "-->") || strings.HasSuffix(s, "--!>"))
}
