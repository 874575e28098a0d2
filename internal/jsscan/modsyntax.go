package jsscan

// HasModuleSyntax reports whether the JavaScript source src is an ES module:
// it has a static import declaration (import followed by a name, "{", "*"
// or a string; not import(...) or import.meta) or an export declaration,
// outside strings, comments and regular expressions. A content script
// written so cannot run as the classic script a browser loads it as.
func HasModuleSyntax(src []byte) bool {
	s := newJSScanner(src)
	for {
		t := s.next()
		switch {
		case t.kind == tokEOF:
			return false
		case t.kind != tokIdent || !s.isFreeReference() || s.isObjectKey():
			continue
		}
		switch string(src[t.start:t.end]) {
		case "import":
			switch n := s.peek(); n.kind {
			case tokIdent, tokLBrace, tokString:
				return true
			case tokPunct:
				return src[n.start] == '*'
			}
		case "export":
			switch n := s.peek(); n.kind {
			case tokIdent, tokLBrace:
				return true
			case tokPunct:
				return src[n.start] == '*'
			}
		}
	}
}
