package htmlscript

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/webext-shim/webext-shim/internal/textpos"
)

// Stylesheet is one <link rel="stylesheet"> element of an HTML page.
type Stylesheet struct {
	// Href is the href attribute, trimmed.
	Href string
	// Pos is the position of "<link".
	Pos textpos.Pos
}

// Stylesheets returns the stylesheet links of an HTML document in order,
// those inside a <template> left out (its content is inert). A link is a
// stylesheet when one of the space-separated words of its rel attribute is
// "stylesheet", in any case, as the HTML standard reads rel.
func Stylesheets(page []byte) []Stylesheet {
	var (
		links    []Stylesheet
		z        = html.NewTokenizer(bytes.NewReader(page))
		lines    = textpos.NewCounter(page)
		off      int
		template int
	)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return links
		}
		raw := len(z.Raw())
		name, hasAttr := z.TagName()
		switch {
		case tt == html.StartTagToken && string(name) == "template":
			template++
		case tt == html.EndTagToken && string(name) == "template" && template > 0:
			template--
		case (tt == html.StartTagToken || tt == html.SelfClosingTagToken) && string(name) == "link" && template == 0:
			if href, ok := stylesheetHref(z, hasAttr); ok {
				links = append(links, Stylesheet{Href: href, Pos: lines.Pos(off)})
			}
		}
		off += raw
	}
}

// stylesheetHref reads the link start tag z is at: its href, and whether
// it is a stylesheet with one. The first of two attributes of the same name
// counts.
func stylesheetHref(z *html.Tokenizer, hasAttr bool) (string, bool) {
	var href, rel string
	var hasHref, hasRel bool
	for hasAttr {
		var key, val []byte
		key, val, hasAttr = z.TagAttr()
		switch string(key) {
		case "href":
			if !hasHref {
				href, hasHref = strings.TrimSpace(string(val)), true
			}
		case "rel":
			if !hasRel {
				rel, hasRel = strings.ToLower(string(val)), true
			}
		}
	}
	return href, hasHref && href != "" && slices.Contains(strings.Fields(rel), "stylesheet")
}
