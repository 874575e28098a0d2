// Package jsonc reads JSON that may contain comments, as browsers accept in
// manifest.json, into values that remember where they were and the order of
// their members, and writes them back.
package jsonc

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/webext-shim/webext-shim/internal/textenc"
	"github.com/webext-shim/webext-shim/internal/textpos"
)

// Kind is the kind of a JSON value.
type Kind int

// The kinds of JSON values.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}

// String names the kind as an error message would: "an object".
func (k Kind) String() string { return kindNames[k] }

// Value is a JSON value that remembers where it was and, for objects, the
// order of its members: manifests are rewritten, not reformatted.
type Value struct {
	Kind    Kind
	Pos     textpos.Pos
	Bool    bool
	Number  string // the literal as written
	Str     string
	Items   []*Value
	Members []*Member
}

// Member is one member of an object.
type Member struct {
	Key    string
	KeyPos textpos.Pos
	Value  *Value
}

// Get returns the value of the member key, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Object {
		return nil
	}
	for _, m := range v.Members {
		if m.Key == key {
			return m.Value
		}
	}
	return nil
}

// Path follows keys through nested objects; nil when any is missing.
func (v *Value) Path(keys ...string) *Value {
	for _, k := range keys {
		v = v.Get(k)
	}
	return v
}

// Set replaces the member key or appends it.
func (v *Value) Set(key string, val *Value) {
	for _, m := range v.Members {
		if m.Key == key {
			m.Value = val
			return
		}
	}
	v.Members = append(v.Members, &Member{Key: key, Value: val})
}

// SetAfter replaces the member key, or inserts it after the member after
// (at the end when there is none).
func (v *Value) SetAfter(after, key string, val *Value) {
	if v.Get(key) != nil {
		v.Set(key, val)
		return
	}
	for i, m := range v.Members {
		if m.Key == after {
			v.Members = append(v.Members[:i+1], append([]*Member{{Key: key, Value: val}}, v.Members[i+1:]...)...)
			return
		}
	}
	v.Members = append(v.Members, &Member{Key: key, Value: val})
}

// Delete removes the member key, reporting whether it was there.
func (v *Value) Delete(key string) bool {
	for i, m := range v.Members {
		if m.Key == key {
			v.Members = append(v.Members[:i], v.Members[i+1:]...)
			return true
		}
	}
	return false
}

// StringValue returns a new string value.
func StringValue(s string) *Value { return &Value{Kind: String, Str: s} }

// NewObject returns a new empty object.
func NewObject() *Value { return &Value{Kind: Object} }

// Clone returns a deep copy of v.
func (v *Value) Clone() *Value {
	if v == nil {
		return nil
	}
	c := *v
	c.Items = nil
	for _, it := range v.Items {
		c.Items = append(c.Items, it.Clone())
	}
	c.Members = nil
	for _, m := range v.Members {
		c.Members = append(c.Members, &Member{Key: m.Key, KeyPos: m.KeyPos, Value: m.Value.Clone()})
	}
	return &c
}

// SyntaxError is a JSON syntax error at a position.
type SyntaxError struct {
	Pos textpos.Pos
	Msg string
}

// Error formats the error as "line:column: message".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
}

// Parse parses JSON that may contain // and /* */ comments and a
// leading byte-order mark, as browsers accept in manifest.json. Trailing
// commas are errors, as in Chromium. Without comments and byte-order mark
// it accepts what encoding/json accepts and reads the same values, except
// that it refuses invalid UTF-8, duplicate keys and nesting deeper than 200
// (FuzzParseJSONCAgainstEncodingJSON checks it).
func Parse(data []byte) (*Value, error) {
	return parse(&jsonParser{data: data, lines: textpos.NewCounter(data)})
}

// ParseLastWins is Parse for files in which browsers take a repeated key's
// last value (a locale's messages.json: Chromium and Firefox both load
// such a file): it returns the value so read and each repeat as a
// SyntaxError to report, not as a failure.
func ParseLastWins(data []byte) (*Value, []*SyntaxError, error) {
	p := &jsonParser{data: data, lines: textpos.NewCounter(data), lastWins: true}
	v, err := parse(p)
	return v, p.dups, err
}

func parse(p *jsonParser) (*Value, error) {
	data := p.data
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		p.off = 3
	}
	if err := checkUTF8(data); err != nil {
		return nil, err
	}
	if err := p.space(); err != nil {
		return nil, err
	}
	if p.off >= len(p.data) {
		return nil, p.errorf("the file is empty; a manifest is a JSON object")
	}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if err := p.space(); err != nil {
		return nil, err
	}
	if p.off < len(p.data) {
		return nil, p.errorf("unexpected %s after the end of the JSON value", p.describe())
	}
	return v, nil
}

// checkUTF8 returns a SyntaxError at the first byte of data that is not
// UTF-8, naming UTF-16 when the file looks like it.
func checkUTF8(data []byte) error {
	if textenc.UTF16Like(data) {
		return &SyntaxError{Pos: textpos.Pos{Line: 1, Column: 1}, Msg: "the file is UTF-16; save it as UTF-8"}
	}
	if utf8.Valid(data) {
		return nil
	}
	off := textenc.InvalidUTF8(data)
	return &SyntaxError{Pos: textpos.At(data, off), Msg: fmt.Sprintf("the file is not valid UTF-8 (byte 0x%02x); save it as UTF-8", data[off])}
}

type jsonParser struct {
	data  []byte
	off   int
	lines *textpos.Counter
	// lastWins takes a repeated key's last value instead of refusing it,
	// recording the repeats in dups.
	lastWins bool
	dups     []*SyntaxError
}

const maxDepth = 200

func (p *jsonParser) pos() textpos.Pos {
	return p.lines.Pos(p.off)
}

func (p *jsonParser) errorf(format string, args ...any) error {
	return &SyntaxError{Pos: p.pos(), Msg: fmt.Sprintf(format, args...)}
}

func (p *jsonParser) describe() string {
	if p.off >= len(p.data) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.data[p.off:])
	return strconv.QuoteRune(r)
}

// space skips whitespace and comments.
func (p *jsonParser) space() error {
	for p.off < len(p.data) {
		switch c := p.data[p.off]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			p.off++
		case c == '/' && p.off+1 < len(p.data) && p.data[p.off+1] == '/':
			for p.off < len(p.data) && p.data[p.off] != '\n' {
				p.off++
			}
		case c == '/' && p.off+1 < len(p.data) && p.data[p.off+1] == '*':
			start := p.pos()
			p.off += 2
			for {
				if p.off+1 >= len(p.data) {
					return &SyntaxError{Pos: start, Msg: "unterminated /* comment"}
				}
				if p.data[p.off] == '*' && p.data[p.off+1] == '/' {
					p.off += 2
					break
				}
				p.off++
			}
		default:
			return nil
		}
	}
	return nil
}

func (p *jsonParser) value(depth int) (*Value, error) {
	if depth > maxDepth {
		return nil, p.errorf("JSON nested more than %d deep", maxDepth)
	}
	if p.off >= len(p.data) {
		return nil, p.errorf("unexpected end of file, expected a value")
	}
	start := p.pos()
	switch c := p.data[p.off]; {
	case c == '{':
		return p.object(start, depth)
	case c == '[':
		return p.array(start, depth)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &Value{Kind: String, Str: s, Pos: start}, nil
	case c == '-' || c >= '0' && c <= '9':
		return p.number(start)
	case bytes.HasPrefix(p.data[p.off:], []byte("true")):
		p.off += 4
		return &Value{Kind: Bool, Bool: true, Pos: start}, nil
	case bytes.HasPrefix(p.data[p.off:], []byte("false")):
		p.off += 5
		return &Value{Kind: Bool, Pos: start}, nil
	case bytes.HasPrefix(p.data[p.off:], []byte("null")):
		p.off += 4
		return &Value{Kind: Null, Pos: start}, nil
	}
	return nil, p.errorf("unexpected %s, expected a value", p.describe())
}

func (p *jsonParser) object(start textpos.Pos, depth int) (*Value, error) {
	v := &Value{Kind: Object, Pos: start}
	p.off++ // {
	seen := map[string]bool{}
	for first := true; ; first = false {
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.off < len(p.data) && p.data[p.off] == '}' {
			if !first {
				return nil, p.errorf("trailing comma before }")
			}
			p.off++
			return v, nil
		}
		if p.off >= len(p.data) || p.data[p.off] != '"' {
			return nil, p.errorf("unexpected %s, expected a member name in double quotes", p.describe())
		}
		keyPos := p.pos()
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		if seen[key] && !p.lastWins {
			return nil, &SyntaxError{Pos: keyPos, Msg: fmt.Sprintf("duplicate key %q", key)}
		}
		repeated := seen[key]
		if repeated {
			p.dups = append(p.dups, &SyntaxError{Pos: keyPos, Msg: fmt.Sprintf("duplicate key %q", key)})
		}
		seen[key] = true
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.off >= len(p.data) || p.data[p.off] != ':' {
			return nil, p.errorf("unexpected %s, expected ':' after %q", p.describe(), key)
		}
		p.off++
		if err := p.space(); err != nil {
			return nil, err
		}
		val, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		if repeated {
			// The last value wins, in the first one's place, as JSON.parse
			// and Chromium's reader take it.
			v.Set(key, val)
		} else {
			v.Members = append(v.Members, &Member{Key: key, KeyPos: keyPos, Value: val})
		}
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.off < len(p.data) && p.data[p.off] == ',' {
			p.off++
			continue
		}
		if p.off < len(p.data) && p.data[p.off] == '}' {
			p.off++
			return v, nil
		}
		return nil, p.errorf("unexpected %s, expected ',' or '}'", p.describe())
	}
}

func (p *jsonParser) array(start textpos.Pos, depth int) (*Value, error) {
	v := &Value{Kind: Array, Pos: start}
	p.off++ // [
	for first := true; ; first = false {
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.off < len(p.data) && p.data[p.off] == ']' {
			if !first {
				return nil, p.errorf("trailing comma before ]")
			}
			p.off++
			return v, nil
		}
		item, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.Items = append(v.Items, item)
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.off < len(p.data) && p.data[p.off] == ',' {
			p.off++
			continue
		}
		if p.off < len(p.data) && p.data[p.off] == ']' {
			p.off++
			return v, nil
		}
		return nil, p.errorf("unexpected %s, expected ',' or ']'", p.describe())
	}
}

// number reads a number. The literal for the error message is the run of
// characters that can appear in numbers; it must be a number as JSON
// (RFC 8259) writes them, which is stricter than JavaScript and Go: no
// leading zeros (01, -01), no "+", no bare "." before or after the digits
// (1., .5), digits after an exponent.
func (p *jsonParser) number(start textpos.Pos) (*Value, error) {
	end := p.off
	for end < len(p.data) && strings.IndexByte("+-0123456789.eE", p.data[end]) >= 0 {
		end++
	}
	lit := string(p.data[p.off:end])
	if !isJSONNumber(lit) {
		return nil, p.errorf("invalid number %q", lit)
	}
	p.off = end
	return &Value{Kind: Number, Number: lit, Pos: start}, nil
}

// isJSONNumber reports whether lit is a number in JSON's grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isJSONNumber(lit string) bool {
	i := 0
	if i < len(lit) && lit[i] == '-' {
		i++
	}
	switch {
	case i < len(lit) && lit[i] == '0':
		i++
	case i < len(lit) && lit[i] >= '1' && lit[i] <= '9':
		i = digitsEnd(lit, i)
	default:
		return false
	}
	if i < len(lit) && lit[i] == '.' {
		if i = digitsEnd(lit, i+1); lit[i-1] == '.' {
			return false
		}
	}
	if i < len(lit) && (lit[i] == 'e' || lit[i] == 'E') {
		i++
		if i < len(lit) && (lit[i] == '+' || lit[i] == '-') {
			i++
		}
		j := digitsEnd(lit, i)
		if j == i {
			return false
		}
		i = j
	}
	return i == len(lit)
}

// digitsEnd returns the offset after the ASCII digits of s from i.
func digitsEnd(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func (p *jsonParser) str() (string, error) {
	start := p.pos()
	p.off++ // "
	var b strings.Builder
	for {
		if p.off >= len(p.data) {
			return "", &SyntaxError{Pos: start, Msg: "unterminated string"}
		}
		c := p.data[p.off]
		switch {
		case c == '"':
			p.off++
			return b.String(), nil
		case c == '\n':
			return "", p.errorf("unterminated string (a newline in a string must be written \\n)")
		case c < 0x20:
			return "", p.errorf("control character %q in a string", c)
		case c == '\\':
			if p.off+1 >= len(p.data) {
				return "", &SyntaxError{Pos: start, Msg: "unterminated string"}
			}
			esc := p.data[p.off+1]
			p.off += 2
			switch esc {
			case '"', '\\', '/':
				b.WriteByte(esc)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, err := p.hex4()
				if err != nil {
					return "", err
				}
				if r >= 0xD800 && r < 0xDC00 {
					r = p.lowSurrogate(r)
				}
				b.WriteRune(r) // a lone surrogate is written as U+FFFD
			default:
				p.off -= 2
				return "", p.errorf("invalid escape \\%c in a string", esc)
			}
		default:
			b.WriteByte(c)
			p.off++
		}
	}
}

// lowSurrogate combines the high surrogate hi with the \u escape of a low
// surrogate that follows it, consuming the escape; when none follows it
// returns hi, consuming nothing.
func (p *jsonParser) lowSurrogate(hi rune) rune {
	rest := p.data[p.off:]
	if len(rest) < 6 || rest[0] != '\\' || rest[1] != 'u' {
		return hi
	}
	lo, err := strconv.ParseUint(string(rest[2:6]), 16, 32)
	if err != nil || lo < 0xDC00 || lo > 0xDFFF {
		return hi
	}
	p.off += 6
	return 0x10000 + (hi-0xD800)<<10 + (rune(lo) - 0xDC00)
}

func (p *jsonParser) hex4() (rune, error) {
	if p.off+4 > len(p.data) {
		return 0, p.errorf("invalid \\u escape")
	}
	n, err := strconv.ParseUint(string(p.data[p.off:p.off+4]), 16, 32)
	if err != nil {
		return 0, p.errorf("invalid \\u escape %q", p.data[p.off:p.off+4])
	}
	p.off += 4
	return rune(n), nil
}

// Encode writes v as indented JSON (two spaces), members in order.
func (v *Value) Encode() []byte {
	var b bytes.Buffer
	v.encode(&b, "")
	b.WriteByte('\n')
	return b.Bytes()
}

func (v *Value) encode(b *bytes.Buffer, indent string) {
	switch v.Kind {
	case Null:
		b.WriteString("null")
	case Bool:
		b.WriteString(strconv.FormatBool(v.Bool))
	case Number:
		b.WriteString(v.Number)
	case String:
		writeJSONString(b, v.Str)
	case Array:
		if len(v.Items) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for i, it := range v.Items {
			b.WriteString(indent + "  ")
			it.encode(b, indent+"  ")
			if i < len(v.Items)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	case Object:
		if len(v.Members) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, m := range v.Members {
			b.WriteString(indent + "  ")
			writeJSONString(b, m.Key)
			b.WriteString(": ")
			m.Value.encode(b, indent+"  ")
			if i < len(v.Members)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	}
}

func writeJSONString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}
