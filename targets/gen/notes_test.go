package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestStripHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"always return <code>null</code>.", "always return null."},
		{`See <a href="https://developer.mozilla.org/docs/x"><code>userScripts</code></a>.`, "See userScripts."},
		{"<code>&lt;all_urls&gt;</code> &amp; more &quot;quoted&quot;", `<all_urls> & more "quoted"`},
		{"a\n   b\t\tc ", "a b c"},
		{"line<br>break", "line break"},
		{"<p>one</p><p>two</p>", "one two"},
		{"<em>emphasis</em>", "emphasis"},
		{"a < b and c > d", "a < b and c > d"},
		{"x <3 y", "x <3 y"},
		{"unclosed <code", "unclosed <code"},
		{"&#8804;79 &nbsp;", "≤79"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := stripHTML(tt.in); got != tt.want {
				t.Errorf("stripHTML(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestClassifyNote(t *testing.T) {
	tests := []struct {
		note       string
		mv         int
		mv3Since   string
		mv3Removed string
		unknown    bool
	}{
		// Every phrasing found in browser-compat-data 8.1.9.
		{note: "Available for use in Manifest V2 only.", mv: 2},
		{note: "Only available in Manifest V2. From Manifest V3, use content_security_policy.sandbox instead.", mv: 2},
		{note: "Only available for use in extensions using Manifest V2.", mv: 2},
		{note: "Only available for use in extensions using Manifest V2. For extension using Manifest V3, see userScripts.RegisteredUserScript.", mv: 2},
		{note: "Only worked with Manifest V2 extensions using persistent background content.", mv: 2},
		{note: "Required for the legacy version of userScripts, which is only available for extensions using Manifest V2.", mv: 2},
		{note: "In Manifest V3, no longer available for most extensions (the exception being policy-installed extensions). Use the declarativeNetRequest API instead.", mv: 2},
		{note: "Available for use in Manifest V3 or later.", mv: 3},
		{note: "Available for use with Manifest V3 only.", mv: 3},
		{note: "Available for use in Manifest V3 from Firefox 138.", mv3Since: "138"},
		{note: "Removed from Manifest V3 in Firefox 118. See Browser styles for more details.", mv3Removed: "118"},
		{note: "Only supported in manifest v1."},
		{note: "Available for use in Manifest V2 or later."},
		{note: "For extension using Manifest V3, see userScripts.register."},
		{note: "An alternative version of this API is available for use with Manifest V3. See userScripts."},
		{note: "An incompatible version of this API is available for Manifest V2. See userScripts (Legacy)."},
		{note: "An incompatible version of this function is available for Manifest V2."},
		{note: "favicon_urlis required when prepopulated_id isn't set. Expects a HTTP or HTTPS URL in Manifest V3."},
		{note: "From Firefox 106, persistent and non-persistent pages are supported for Manifest V2."},
		{note: "From Firefox for Android 106, persistent and non-persistent pages are supported for Manifest V2."},
		// Variants the table accepts.
		{note: "Available for use with Manifest V2 only.", mv: 2},
		{note: "Available for use in Manifest V3 only.", mv: 3},
		{note: "Only available in Manifest V2 extensions.", mv: 2},
		{note: "Available for use in Manifest V3 from Firefox for Android 140.", mv3Since: "140"},
		// Nothing about manifest versions.
		{note: "Before version 50, Firefox would pass a single result value into its callback."},
		{note: "If this is called from a page that is part of a private browsing window, then it will always return null."},
		// Unrecognised mentions must be reported, not ignored.
		{note: "Not available in Manifest V3.", unknown: true},
		{note: "Only in MV3 extensions.", unknown: true},
		{note: "Available for use in Manifest V2 only. Behaves differently in Manifest V3.", mv: 2, unknown: true},
		{note: "The manifest_version key must be 3.", unknown: true},
		{note: "available for use in manifest v2 only.", unknown: true}, // the table is case-sensitive
	}
	for _, tt := range tests {
		t.Run(tt.note, func(t *testing.T) {
			got := classifyNote(tt.note)
			if got.mv != tt.mv || got.mv3Since != tt.mv3Since || got.mv3Removed != tt.mv3Removed || got.unknown != tt.unknown {
				t.Errorf("classifyNote = mv %d, mv3Since %q, mv3Removed %q, unknown %v; want %d, %q, %q, %v",
					got.mv, got.mv3Since, got.mv3Removed, got.unknown, tt.mv, tt.mv3Since, tt.mv3Removed, tt.unknown)
			}
			if mvMention.MatchString(tt.note) && len(got.phrases) == 0 && !got.unknown {
				t.Error("a mention of a manifest version was neither recognised nor reported")
			}
		})
	}
}

func TestEveryPhraseIsTested(t *testing.T) {
	// Each entry of mvPhrases must match some case of TestClassifyNote's
	// first block; this catches a phrase added without a test.
	cases := []string{
		"Available for use in Manifest V2 only.",
		"Only available in Manifest V2.",
		"Only available for use in extensions using Manifest V2.",
		"Only worked with Manifest V2 extensions using persistent background content.",
		"Required for the legacy version of userScripts, which is only available for extensions using Manifest V2.",
		"In Manifest V3, no longer available for most extensions (the exception being policy-installed extensions).",
		"Available for use in Manifest V3 or later.",
		"Available for use in Manifest V3 from Firefox 138.",
		"Removed from Manifest V3 in Firefox 118.",
		"Only supported in manifest v1.",
		"Available for use in Manifest V2 or later.",
		"From Manifest V3, use content_security_policy.sandbox instead.",
		"For extension using Manifest V3, see userScripts.register.",
		"An alternative version of this API is available for use with Manifest V3.",
		"An incompatible version of this API is available for Manifest V2.",
		"Expects a HTTP or HTTPS URL in Manifest V3.",
		"From Firefox 106, persistent and non-persistent pages are supported for Manifest V2.",
	}
	for i, p := range mvPhrases {
		found := false
		for _, c := range cases {
			if p.re.MatchString(c) {
				found = true
			}
		}
		if !found {
			t.Errorf("mvPhrases[%d] %s has no test case", i, p.re)
		}
	}
}

func TestMergeMV(t *testing.T) {
	tests := []struct {
		name string
		in   []mvInfo
		want mvInfo
		err  bool
	}{
		{"none", nil, mvInfo{}, false},
		{"one", []mvInfo{{mv: 2}}, mvInfo{mv: 2}, false},
		{"same twice", []mvInfo{{mv: 2}, {mv: 2}}, mvInfo{mv: 2}, false},
		{"with a plain note", []mvInfo{{}, {mv: 3}}, mvInfo{mv: 3}, false},
		{"2 and 3", []mvInfo{{mv: 2}, {mv: 3}}, mvInfo{}, true},
		{"conflict inside one note", []mvInfo{{mv: -1}}, mvInfo{}, true},
		{"2 and 3 from", []mvInfo{{mv: 2}, {mv3Since: "138"}}, mvInfo{}, true},
		{"3 and removed from 3", []mvInfo{{mv: 3}, {mv3Removed: "118"}}, mvInfo{}, true},
		{"two since versions", []mvInfo{{mv3Since: "1"}, {mv3Since: "2"}}, mvInfo{}, true},
		{"since", []mvInfo{{mv3Since: "138"}, {}}, mvInfo{mv3Since: "138"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mergeMV(tt.in)
			if (err != nil) != tt.err {
				t.Fatalf("mergeMV error = %v, want error %v", err, tt.err)
			}
			if got.mv != tt.want.mv || got.mv3Since != tt.want.mv3Since || got.mv3Removed != tt.want.mv3Removed {
				t.Errorf("mergeMV = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestReport(t *testing.T) {
	s := newMVStats()
	notes := []string{"Available for use in Manifest V2 only.", "Gone in MV3."}
	infos := []mvInfo{classifyNote(notes[0]), classifyNote(notes[1])}
	m, err := mergeMV(infos)
	s.add("tabs.executeScript chrome", notes, infos, err)
	if m.mv != 2 {
		t.Fatalf("mv = %d", m.mv)
	}
	var b bytes.Buffer
	writeReport(&b, "8.1.9", s)
	out := b.String()
	for _, want := range []string{
		"browser-compat-data 8.1.9",
		"statements restricted: mv 2: 1, mv 3: 0",
		"unrecognised notes that mention a manifest version: 1\n",
		`tabs.executeScript chrome: "Gone in MV3."`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
