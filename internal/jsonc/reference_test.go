package jsonc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestParseJSONCNumbers checks numbers against JSON's grammar (RFC 8259,
// section 6), which is stricter than JavaScript's and Go's: "1." and "-01"
// were accepted before.
func TestParseJSONCNumbers(t *testing.T) {
	for _, tt := range []struct {
		lit string
		ok  bool
	}{
		{"0", true}, {"-0", true}, {"7", true}, {"10.25", true}, {"-0.0e-0", true},
		{"1E+2", true}, {"1e400", true}, {"123456789012345678901234567890", true},
		{"1.", false}, {"-01", false}, {"01", false}, {"01.5", false}, {"00", false},
		{"1.e5", false}, {"-0.", false}, {"0.e1", false}, {"-", false}, {"--1", false},
		{"1e", false}, {"1e+", false}, {"1.5e", false}, {"1e5.5", false}, {"1-2", false},
		{"-.5", false}, {"0x10", false}, {"1ee2", false},
	} {
		t.Run(tt.lit, func(t *testing.T) {
			src := "[" + tt.lit + "]"
			v, err := Parse([]byte(src))
			if tt.ok != (err == nil) {
				t.Fatalf("Parse(%q) = %v, want ok = %v", src, err, tt.ok)
			}
			if tt.ok != json.Valid([]byte(src)) {
				t.Fatalf("encoding/json disagrees on %q: the table is wrong", src)
			}
			if tt.ok && v.Items[0].Number != tt.lit {
				t.Errorf("Parse(%q) has the number %q", src, v.Items[0].Number)
			}
		})
	}
}

// TestParseJSONCSurrogates checks \u escapes of UTF-16 surrogates: a pair
// is one character; a high surrogate followed by anything but a low one,
// and a lone low surrogate, are U+FFFD, as encoding/json decodes them.
func TestParseJSONCSurrogates(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{`"\ud83d\ude00"`, "\U0001F600"},
		{`"\ud800\u0041"`, "\ufffdA"},
		{`"\ud800\ud83d\ude00"`, "\ufffd\U0001F600"},
		{`"\ud800"`, "\ufffd"},
		{`"\ude00x"`, "\ufffdx"},
		{`"\ud800\n"`, "\ufffd\n"},
	} {
		t.Run(tt.src, func(t *testing.T) {
			v, err := Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if v.Str != tt.want {
				t.Errorf("Parse(%s) = %+q, want %+q", tt.src, v.Str, tt.want)
			}
		})
	}
}

// FuzzParseJSONCAgainstEncodingJSON checks the reader against
// encoding/json, the reference, on input without comments: both accept the
// same documents and read the same value. The reader's own rules are the
// exceptions, each checked: it accepts a leading byte-order mark (the
// reference reads what follows it), and refuses invalid UTF-8 anywhere,
// duplicate keys and nesting deeper than maxDepth, which the reference
// accepts.
//
// The seed corpus runs with go test; the long run is
//
//	go test ./internal/jsonc -run '^$' -fuzz '^FuzzParseJSONCAgainstEncodingJSON$' -fuzztime 60s -parallel 1
func FuzzParseJSONCAgainstEncodingJSON(f *testing.F) {
	for _, s := range []string{
		`{"manifest_version": 3, "name": "x", "list": [1, -0.5e+3, true, false, null]}`,
		`"\ud83d\ude00 \u00e9 \/ \" \\ \b\f\n\r\t"`, `[1.]`, `[-01]`, `[1e400]`, `{"a": 1, "a": 2}`,
		"\xef\xbb\xbf{}", " \t\r\n[ ] ", `{"a" :{"b":[[]]}}`, `["\ud800\u0041"]`, "[\"\xff\"]", `[1,]`, `{,}`,
		strings.Repeat("[", 201) + strings.Repeat("]", 201), strings.Repeat("[", 200) + strings.Repeat("]", 200),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.Contains(data, []byte("//")) || bytes.Contains(data, []byte("/*")) {
			return // comments are the reader's own; encoding/json refuses them
		}
		v, err := Parse(data)
		ref := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		refOK := json.Valid(ref)
		var se *SyntaxError
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("Parse(%q) = %v, not a *SyntaxError", data, err)
		}
		switch {
		case !utf8.Valid(data):
			if err == nil || !strings.Contains(se.Msg, "UTF-8") {
				t.Fatalf("Parse(%q) = %v, want an error about UTF-8", data, err)
			}
			return
		case err == nil && !refOK:
			t.Fatalf("Parse(%q) accepts what encoding/json refuses", data)
		case err != nil && !refOK:
			return
		}
		dup, depth := jsonFacts(t, ref)
		if err != nil {
			switch {
			case strings.HasPrefix(se.Msg, "duplicate key") && dup:
			case strings.HasPrefix(se.Msg, "JSON nested more than") && depth > maxDepth:
			default:
				t.Fatalf("Parse(%q) = %v; encoding/json accepts it", data, err)
			}
			return
		}
		var want any
		dec := json.NewDecoder(bytes.NewReader(ref))
		dec.UseNumber()
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("encoding/json: Valid(%q) but Decode: %v", ref, err)
		}
		if got := plain(v); !reflect.DeepEqual(got, want) {
			t.Fatalf("Parse(%q) = %#v, encoding/json reads %#v", data, got, want)
		}
	})
}

// plain converts v to what encoding/json decodes into an any with
// UseNumber.
func plain(v *Value) any {
	switch v.Kind {
	case Null:
		return nil
	case Bool:
		return v.Bool
	case Number:
		return json.Number(v.Number)
	case String:
		return v.Str
	case Array:
		items := []any{}
		for _, it := range v.Items {
			items = append(items, plain(it))
		}
		return items
	case Object:
		members := map[string]any{}
		for _, m := range v.Members {
			members[m.Key] = plain(m.Value)
		}
		return members
	}
	panic(fmt.Sprintf("unknown kind %d", v.Kind))
}

// jsonFacts reads the valid JSON data with encoding/json's tokenizer and
// reports whether an object in it has a key twice, and how deeply its
// arrays and objects nest.
func jsonFacts(t *testing.T, data []byte) (dup bool, depth int) {
	type level struct {
		keys    map[string]bool // nil for an array
		wantKey bool            // an object's next string is a key
	}
	var open []*level
	valueDone := func() {
		if len(open) > 0 && open[len(open)-1].keys != nil {
			open[len(open)-1].wantKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return dup, depth
		}
		if err != nil {
			t.Fatalf("encoding/json: Valid(%q) but Token: %v", data, err)
		}
		if key, ok := tok.(string); ok && len(open) > 0 && open[len(open)-1].wantKey {
			top := open[len(open)-1]
			dup = dup || top.keys[key]
			top.keys[key] = true
			top.wantKey = false
			continue
		}
		switch tok {
		case json.Delim('{'):
			open = append(open, &level{keys: map[string]bool{}, wantKey: true})
		case json.Delim('['):
			open = append(open, &level{})
		case json.Delim('}'), json.Delim(']'):
			open = open[:len(open)-1]
			valueDone()
		default:
			valueDone()
		}
		depth = max(depth, len(open))
	}
}
