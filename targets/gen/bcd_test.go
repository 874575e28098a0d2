package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestNormaliseValue(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want bcdVersion
		err  string
	}{
		{"plain", `"54"`, bcdVersion{v: "54"}, ""},
		{"dotted", `"15.4"`, bcdVersion{v: "15.4"}, ""},
		{"three parts", `"15.4.1"`, bcdVersion{v: "15.4.1"}, ""},
		{"upper bound", `"≤54"`, bcdVersion{v: "54", approx: true}, ""},
		{"upper bound dotted", `"≤15.4"`, bcdVersion{v: "15.4", approx: true}, ""},
		{"preview", `"preview"`, bcdVersion{v: "preview"}, ""},
		{"true", `true`, bcdVersion{v: "1", approx: true}, ""},
		{"false", `false`, bcdVersion{never: true}, ""},
		{"absent", ``, bcdVersion{never: true}, ""},
		{"null", `null`, bcdVersion{unknown: true}, ""},
		{"spaces", ` "54" `, bcdVersion{v: "54"}, ""},
		{"empty string", `""`, bcdVersion{}, `unknown version ""`},
		{"bound alone", `"≤"`, bcdVersion{}, `unknown version "≤"`},
		{"bound preview", `"≤preview"`, bcdVersion{}, `unknown version "≤preview"`},
		{"ascii bound", `"<=54"`, bcdVersion{}, `unknown version "<=54"`},
		{"range", `"15-16"`, bcdVersion{}, `unknown version "15-16"`},
		{"trailing dot", `"15."`, bcdVersion{}, `unknown version "15."`},
		{"firefox alpha", `"115.0a1"`, bcdVersion{}, `unknown version "115.0a1"`},
		{"number", `54`, bcdVersion{}, "neither a string"},
		{"object", `{}`, bcdVersion{}, "neither a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := normaliseValue(json.RawMessage(tt.raw))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("normaliseValue(%s) error = %v, want one containing %q", tt.raw, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("normaliseValue(%s): %v", tt.raw, err)
			}
			if got != tt.want {
				t.Errorf("normaliseValue(%s) = %+v, want %+v", tt.raw, got, tt.want)
			}
		})
	}
}

func FuzzNormaliseVersion(f *testing.F) {
	for _, s := range []string{"54", "≤54", "15.4", "≤15.4", "preview", "", "≤", "true", "1.", ".1", "≤≤1", "0", "007", "1.2.3.4.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, approx, err := normaliseVersion(s)
		if err != nil {
			if v != "" || approx {
				t.Fatalf("normaliseVersion(%q) = %q, %v with error %v", s, v, approx, err)
			}
			return
		}
		if v != "preview" && !numericVersion.MatchString(v) {
			t.Fatalf("normaliseVersion(%q) = %q, neither numeric nor preview", s, v)
		}
		if approx != strings.HasPrefix(s, "≤") {
			t.Fatalf("normaliseVersion(%q): approx = %v", s, approx)
		}
		// Normalised versions are fixed points.
		if v2, approx2, err := normaliseVersion(v); err != nil || v2 != v || approx2 {
			t.Fatalf("normaliseVersion(%q) = %q, %v, %v; not a fixed point", v, v2, approx2, err)
		}
	})
}

func TestCompareNumeric(t *testing.T) {
	in := []string{"10.1", "9", "1", "10", "100", "2", "1.5", "10.0.1", "17.4", "17"}
	want := []string{"1", "1.5", "2", "9", "10", "10.0.1", "10.1", "17", "17.4", "100"}
	got := append([]string(nil), in...)
	sortVersions(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sorted = %v, want %v", got, want)
	}
}

func sortVersions(vs []string) {
	for i := 1; i < len(vs); i++ {
		for j := i; j > 0 && compareNumeric(vs[j-1], vs[j]) > 0; j-- {
			vs[j-1], vs[j] = vs[j], vs[j-1]
		}
	}
}

func TestParseBrowser(t *testing.T) {
	raw := `{"name": "Safari", "releases": {
		"10.1": {"release_date": "2017-03-27", "status": "retired", "engine": "WebKit", "engine_version": "603.2.1"},
		"9": {"release_date": "2015-09-30", "status": "retired"},
		"27.3": {"status": "beta"},
		"10": {"release_date": "2016-09-20", "status": "retired"}}}`
	got, err := parseBrowser(json.RawMessage(raw))
	if err != nil {
		t.Fatal(err)
	}
	want := browser{Name: "Safari", Releases: []release{
		{V: "9", Date: "2015-09-30", Status: "retired"},
		{V: "10", Date: "2016-09-20", Status: "retired"},
		{V: "10.1", Date: "2017-03-27", Status: "retired", Engine: "WebKit", EngineVersion: "603.2.1"},
		{V: "27.3", Status: "beta"},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseBrowser = %+v\nwant %+v", got, want)
	}
	if _, err := parseBrowser(json.RawMessage(`{"name": "X", "releases": {"TP": {}}}`)); err == nil {
		t.Error("a release called TP was accepted")
	}
}

func TestFeatureKey(t *testing.T) {
	tests := []struct {
		path []string
		want string
	}{
		{[]string{"api", "runtime", "getBackgroundPage"}, "runtime.getBackgroundPage"},
		{[]string{"api", "action"}, "action"},
		{[]string{"manifest", "background", "scripts"}, "manifest.background.scripts"},
		{[]string{"match_patterns", "scheme", "wildcard"}, "match_patterns.scheme.wildcard"},
		{[]string{"api"}, "api"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := featureKey(tt.path); got != tt.want {
				t.Errorf("featureKey(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

func TestParseCompat(t *testing.T) {
	tests := []struct {
		name    string
		support string
		browser string
		want    []statement
	}{
		{"single", `"chrome": {"version_added": "22"}`, "chrome", []statement{{Added: "22"}}},
		{"false is an empty list", `"chrome": {"version_added": false}`, "chrome", []statement{}},
		{"null is unknown", `"chrome": {"version_added": null}`, "chrome", []statement{{Unknown: true}}},
		{"missing browser is unknown", `"firefox": {"version_added": "45"}`, "chrome", []statement{{Unknown: true}}},
		{"our name, BCD's key", `"firefox_android": {"version_added": "48"}`, "firefox-android", []statement{{Added: "48"}}},
		{"safari_ios", `"safari_ios": {"version_added": "≤15"}`, "safari-ios", []statement{{Added: "15", Approx: true}}},
		{"list keeps order, drops false", `"chrome": [{"version_added": "7"}, {"version_added": false}, {"version_added": "5", "version_removed": "67", "version_last": "66", "alternative_name": "inIncognitoTab"}]`,
			"chrome", []statement{{Added: "7"}, {Added: "5", Removed: "67", AltName: "inIncognitoTab"}}},
		{"removed true", `"chrome": {"version_added": "5", "version_removed": true}`, "chrome", []statement{{Added: "5", Removed: "1", RemovedApprox: true}}},
		{"removed null", `"chrome": {"version_added": "5", "version_removed": null}`, "chrome", []statement{{Added: "5"}}},
		{"removed preview", `"chrome": {"version_added": "5", "version_removed": "preview"}`, "chrome", []statement{{Added: "5", Removed: "preview"}}},
		{"flags, prefix, partial", `"chrome": {"version_added": "67", "prefix": "webkit", "partial_implementation": true, "flags": [{"type": "preference", "name": "x"}]}`,
			"chrome", []statement{{Added: "67", Prefix: "webkit", Partial: true, Flags: true}}},
		{"notes", `"firefox": {"version_added": "45", "notes": "It will always return <code>null</code>."}`, "firefox",
			[]statement{{Added: "45", Notes: []string{"It will always return null."}}}},
		{"mv 2", `"chrome": {"version_added": "5", "notes": ["Extensions can't inject scripts.", "Available for use in Manifest V2 only."]}`, "chrome",
			[]statement{{Added: "5", MV: 2, Notes: []string{"Extensions can't inject scripts.", "Available for use in Manifest V2 only."}}}},
		{"mv3Since", `"firefox": {"version_added": "53", "notes": "Available for use in Manifest V3 from Firefox 138."}`, "firefox",
			[]statement{{Added: "53", MV3Since: "138", Notes: []string{"Available for use in Manifest V3 from Firefox 138."}}}},
		{"contradiction leaves it unrestricted", `"chrome": {"version_added": "5", "notes": ["Available for use in Manifest V2 only.", "Available for use with Manifest V3 only."]}`, "chrome",
			[]statement{{Added: "5", Notes: []string{"Available for use in Manifest V2 only.", "Available for use with Manifest V3 only."}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := `{"support": {` + tt.support + `}}`
			f, err := parseCompat(json.RawMessage(raw), "x", newMVStats())
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Support) != 7 {
				t.Errorf("%d browsers, want 7", len(f.Support))
			}
			if got := f.Support[tt.browser]; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("support[%q] = %#v\nwant %#v", tt.browser, got, tt.want)
			}
		})
	}
}

func TestParseCompatErrors(t *testing.T) {
	for _, support := range []string{
		`"chrome": {"version_added": "latest"}`,
		`"chrome": {"version_added": "5", "version_removed": "x"}`,
		`"chrome": {"version_added": "5", "notes": 3}`,
		`"chrome": "22"`,
	} {
		t.Run(support, func(t *testing.T) {
			if _, err := parseCompat(json.RawMessage(`{"support": {`+support+`}}`), "x", newMVStats()); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestParseBCDErrors(t *testing.T) {
	browsers := `"browsers": {"chrome": {"name": "Chrome", "releases": {"1": {}}}, "edge": {"name": "Edge", "releases": {"1": {}}}, "opera": {"name": "Opera", "releases": {"1": {}}}, "firefox": {"name": "Firefox", "releases": {"1": {}}}, "firefox_android": {"name": "Firefox for Android", "releases": {"1": {}}}, "safari": {"name": "Safari", "releases": {"1": {}}}, "safari_ios": {"name": "Safari on iOS", "releases": {"1": {}}}}`
	meta := `"__meta": {"version": "8.1.9", "timestamp": "2026-11-12T14:10:29.391Z"}`
	we := `"webextensions": {"api": {"a": {"__compat": {"support": {}}}}}`
	tests := []struct {
		name, doc, err string
	}{
		{"ok", `{` + meta + `, ` + browsers + `, ` + we + `}`, ""},
		{"no meta", `{` + browsers + `, ` + we + `}`, "no __meta.version"},
		{"bad timestamp", `{"__meta": {"version": "1", "timestamp": "yesterday"}, ` + browsers + `, ` + we + `}`, "__meta.timestamp"},
		{"missing browser", `{` + meta + `, "browsers": {}, ` + we + `}`, `no browser "`},
		{"no webextensions", `{` + meta + `, ` + browsers + `}`, "no webextensions"},
		{"not json", `{`, "decoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := parseBCD([]byte(tt.doc))
			if tt.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				if res.date != "2026-11-12" || res.version != "8.1.9" || len(res.features) != 1 {
					t.Errorf("parseBCD = %q %q %d features", res.version, res.date, len(res.features))
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("error = %v, want one containing %q", err, tt.err)
			}
		})
	}
}
