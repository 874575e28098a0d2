package main

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// tokKind is the kind of a token of a .d.ts file.
type tokKind int

const (
	tokIdent  tokKind = iota // identifiers and keywords
	tokNumber                // numeric literals
	tokString                // string and template literals, quotes included
	tokPunct                 // punctuation; "=>" and "..." are single tokens
	tokDoc                   // a JSDoc comment, /** ... */
)

// token is one token with the line it starts on.
type token struct {
	kind tokKind
	text string
	line int
}

func (t token) is(punct string) bool { return t.kind == tokPunct && t.text == punct }

func (t token) isIdent(name string) bool { return t.kind == tokIdent && t.text == name }

// lex splits a TypeScript declaration file into tokens. Line comments and
// ordinary block comments are dropped; JSDoc comments are kept as tokDoc.
func lex(src []byte) ([]token, error) {
	var toks []token
	line := 1
	s := string(src)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '/' && i+1 < len(s) && s[i+1] == '/':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := indexFrom(s, "*/", i+2)
			if end < 0 {
				return nil, fmt.Errorf("line %d: unterminated comment", line)
			}
			text := s[i : end+2]
			if len(text) > 4 && text[2] == '*' {
				toks = append(toks, token{tokDoc, text, line})
			}
			line += countLines(text)
			i = end + 2
		case c == '"' || c == '\'' || c == '`':
			j := i + 1
			for ; j < len(s) && s[j] != c; j++ {
				if s[j] == '\\' {
					j++
				} else if s[j] == '\n' && c != '`' {
					return nil, fmt.Errorf("line %d: unterminated string", line)
				}
			}
			if j >= len(s) {
				return nil, fmt.Errorf("line %d: unterminated string", line)
			}
			text := s[i : j+1]
			toks = append(toks, token{tokString, text, line})
			line += countLines(text)
			i = j + 1
		case isIdentStart(c):
			j := i + 1
			for j < len(s) && isIdentPart(s[j]) {
				j++
			}
			toks = append(toks, token{tokIdent, s[i:j], line})
			i = j
		case '0' <= c && c <= '9':
			j := i + 1
			for j < len(s) && (isIdentPart(s[j]) || s[j] == '.') {
				j++
			}
			toks = append(toks, token{tokNumber, s[i:j], line})
			i = j
		case c == '=' && i+1 < len(s) && s[i+1] == '>':
			toks = append(toks, token{tokPunct, "=>", line})
			i += 2
		case c == '.' && i+2 < len(s) && s[i+1] == '.' && s[i+2] == '.':
			toks = append(toks, token{tokPunct, "...", line})
			i += 3
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			toks = append(toks, token{tokPunct, s[i : i+n], line})
			i += n
		}
	}
	return toks, nil
}

// indexFrom is strings.Index of sub in s[from:], as an index into s.
func indexFrom(s, sub string, from int) int {
	i := strings.Index(s[from:], sub)
	if i < 0 {
		return -1
	}
	return from + i
}

func countLines(s string) int { return strings.Count(s, "\n") }

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

func isIdentPart(c byte) bool { return isIdentStart(c) || ('0' <= c && c <= '9') }
