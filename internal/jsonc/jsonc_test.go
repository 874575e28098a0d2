package jsonc

import (
	"errors"
	"strings"
	"testing"
)

func TestParseJSONC(t *testing.T) {
	src := "\xef\xbb\xbf// leading comment\n{\n  /* block\n comment */ \"name\": \"Seed\", // trailing\n  \"n\": -1.5e3,\n  \"list\": [true, false, null, \"a\\u00e9\\n\"],\n  \"obj\": {\"k\": {}}\n}\n"
	v, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Get("name"); got == nil || got.Str != "Seed" || got.Pos.Line != 4 || got.Pos.Column != 21 {
		t.Errorf("name = %+v, want \"Seed\" at 4:21", got)
	}
	if got := v.Get("n"); got.Number != "-1.5e3" {
		t.Errorf("n = %q", got.Number)
	}
	if got := v.Get("list").Items[3].Str; got != "aé\n" {
		t.Errorf("list[3] = %q", got)
	}
	var keys []string
	for _, m := range v.Members {
		keys = append(keys, m.Key)
	}
	if strings.Join(keys, ",") != "name,n,list,obj" {
		t.Errorf("member order = %v", keys)
	}
	want := "{\n  \"name\": \"Seed\",\n  \"n\": -1.5e3,\n  \"list\": [\n    true,\n    false,\n    null,\n    \"aé\\n\"\n  ],\n  \"obj\": {\n    \"k\": {}\n  }\n}\n"
	if got := string(v.Encode()); got != want {
		t.Errorf("Encode() =\n%s\nwant\n%s", got, want)
	}
}

func TestParseJSONCErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"empty", "", 1, 1, "the file is empty; a manifest is a JSON object"},
		{"only comment", "// nothing\n", 2, 1, "the file is empty"},
		{"trailing comma object", "{\"a\": 1,\n}", 2, 1, "trailing comma before }"},
		{"trailing comma array", "[1,]", 1, 4, "trailing comma before ]"},
		{"unquoted key", "{a: 1}", 1, 2, "unexpected 'a', expected a member name in double quotes"},
		{"missing colon", "{\"a\" 1}", 1, 6, "expected ':' after \"a\""},
		{"unterminated string", "{\"a\": \"x", 1, 7, "unterminated string"},
		{"newline in string", "{\"a\": \"x\n\"}", 1, 9, "unterminated string"},
		{"bad escape", `{"a": "\q"}`, 1, 8, `invalid escape \q`},
		{"bad number", "{\"a\": 01}", 1, 7, `invalid number "01"`},
		{"garbage after", "{} x", 1, 4, "unexpected 'x' after the end of the JSON value"},
		{"unterminated comment", "{} /* x", 1, 4, "unterminated /* comment"},
		{"duplicate key", "{\"a\": 1,\n \"a\": 2}", 2, 2, `duplicate key "a"`},
		{"not utf8", "{\"a\": \"\xff\"}", 1, 8, "the file is not valid UTF-8 (byte 0xff); save it as UTF-8"},
		{"latin1 on line 2", "{\n  \"name\": \"caf\xe9\"}", 2, 15, "the file is not valid UTF-8 (byte 0xe9)"},
		{"utf16le with bom", "\xff\xfe{\x00}\x00", 1, 1, "the file is UTF-16; save it as UTF-8"},
		{"utf16be with bom", "\xfe\xff\x00{\x00}", 1, 1, "the file is UTF-16; save it as UTF-8"},
		{"utf16le without bom", "{\x00}\x00", 1, 1, "the file is UTF-16; save it as UTF-8"},
		{"single quotes", "{'a': 1}", 1, 2, "expected a member name in double quotes"},
		{"eof in object", "{\"a\": 1", 1, 8, "unexpected end of file, expected ',' or '}'"},
		// Lines are counted as textpos counts them, as in scripts.
		{"lone CR breaks lines", "{\r\"a\" 1}", 2, 5, "expected ':' after \"a\""},
		{"U+2028 breaks lines", "{\"\u2028\": x}", 2, 4, "unexpected 'x', expected a value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) = %v, want a SyntaxError", tt.src, err)
			}
			if se.Pos.Line != tt.line || se.Pos.Column != tt.col || !strings.Contains(se.Msg, tt.msg) {
				t.Errorf("Parse(%q) = %d:%d: %s; want %d:%d: ...%s", tt.src, se.Pos.Line, se.Pos.Column, se.Msg, tt.line, tt.col, tt.msg)
			}
		})
	}
}

func FuzzParseJSONC(f *testing.F) {
	for _, s := range []string{`{"manifest_version": 2, "name": "x"}`, "// c\n{}", "\xef\xbb\xbf[1, 2.5e-3, \"\\ud83d\\ude00\"]", `{"a": {"b": [null, true]}}`, "/*", "{\"a\":", `"\u12`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Parse(data)
		if err != nil {
			return
		}
		// What parses re-encodes to JSON that parses to the same encoding.
		out := v.Encode()
		v2, err := Parse(out)
		if err != nil {
			t.Fatalf("re-parsing the encoding of %q: %v\n%s", data, err, out)
		}
		if string(v2.Encode()) != string(out) {
			t.Fatalf("encoding is not stable for %q", data)
		}
	})
}
