package targets

import (
	"errors"
	"strings"
	"testing"
)

func TestParseQueries(t *testing.T) {
	tests := []struct {
		in   string
		want []string // "browser constraint"
	}{
		{"firefox", []string{"firefox "}},
		{"chrome@120", []string{"chrome =120"}},
		{"chrome>=120", []string{"chrome >=120"}},
		{"firefox>=115 <130", []string{"firefox >=115 <130"}},
		{"safari>=17.4", []string{"safari >=17.4"}},
		{"firefox,chrome", []string{"firefox ", "chrome "}},
		{" firefox>=115 , chrome@120 ", []string{"firefox >=115", "chrome =120"}},
		{"firefox>=115,<130", []string{"firefox >=115 <130"}},
		{"Chrome", []string{"chrome "}},
		{"firefox_android,safari_ios", []string{"firefox-android ", "safari-ios "}},
		{"safari-ios@17.4.0", []string{"safari-ios =17.4"}},
		{"firefox@115.0esr", []string{"firefox =115"}},
		{"edge^120", []string{"edge ^120"}},
		{"opera>=100 || <90", []string{"opera >=100 || <90"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			qs, err := ParseQueries(tt.in)
			if err != nil {
				t.Fatalf("ParseQueries(%q): %v", tt.in, err)
			}
			var got []string
			for _, q := range qs {
				got = append(got, q.Browser.Name+" "+q.Constraint)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("ParseQueries(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseQueriesErrors(t *testing.T) {
	tests := []struct {
		in   string
		want string // substring of the error
	}{
		{"", "empty target list; give one or more of: chrome, edge, opera, firefox, firefox-android, safari, safari-ios"},
		{"  ", "empty target list"},
		{"netscape", `unknown browser "netscape"; known: chrome, edge, opera, firefox, firefox-android, safari, safari-ios`},
		{"firefx", `(did you mean "firefox"?)`},
		{"chrom>=120", `did you mean "chrome"?`},
		{"safary", `did you mean "safari"?`},
		{"firefox,,chrome", `empty element in target list "firefox,,chrome"`},
		{"firefox,", "empty element"},
		{"chrome,chrome>=120", `duplicate target "chrome"`},
		{"firefox,firefox_android,firefox", `duplicate target "firefox"`},
		{">=120", `target ">=120" has no browser name`},
		{"chrome>=abc", `invalid version constraint ">=abc" in target "chrome>=abc"`},
		{"chrome@", `invalid version "" in target "chrome@"`},
		{"chrome@x", `invalid version "x"`},
		{"chrome@>=120", `invalid version ">=120"`},
		{"chrome@preview", `invalid version "preview"`},
		{"120", `target "120" has no browser name`},
		{"-", `unknown browser "-"`},
		{"chrome>=120 <<", "invalid version constraint"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseQueries(tt.in)
			if err == nil {
				t.Fatalf("ParseQueries(%q) succeeded, want an error containing %q", tt.in, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseQueries(%q) error = %q, want it to contain %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestLookupBrowserSuggestion(t *testing.T) {
	_, err := LookupBrowser("firefx")
	var ue *UnknownError
	if !errors.As(err, &ue) || ue.Kind != "browser" || len(ue.Suggestions) == 0 || ue.Suggestions[0] != "firefox" {
		t.Fatalf("LookupBrowser(%q) = %v, want an UnknownError suggesting firefox", "firefx", err)
	}
	if _, err := LookupBrowser("zzzzzzzz"); !errors.As(err, &ue) || len(ue.Suggestions) != 0 {
		t.Errorf("LookupBrowser(zzzzzzzz) suggested %v, want nothing", ue.Suggestions)
	}
}

func TestNormaliseVersion(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		approx bool
		ok     bool
	}{
		{"120", "120", false, true},
		{"17.4", "17.4", false, true},
		{"17.4.0", "17.4", false, true},
		{"115.0", "115", false, true},
		{"115.0a1", "115", false, true},
		{"57.0b3", "57", false, true},
		{"128.0esr", "128", false, true},
		{"≤79", "79", true, true},
		{"≤ 15.4", "15.4", true, true},
		{"<=18", "18", true, true},
		{"preview", Preview, false, true},
		{"09", "9", false, true},
		{"10.0.1", "10.0.1", false, true},
		{"", "", false, false},
		{"latest", "", false, false},
		{"1..2", "", false, false},
		{"1.2.3.4", "1.2.3", false, true},
		{"6.0.0.0", "6", false, true},               // minimum_chrome_version as Chrome writes it
		{"88.0.4324", "88.0.4324", false, true},     // Chrome's build number: Resolve finds release 88
		{"88.0.4324.150", "88.0.4324", false, true}, // and a patch
		{"120.0.6099.0", "120.0.6099", false, true},
		{"115.0.1", "115.0.1", false, true},
		{"1.2.3.4.5", "", false, false},
		{"≤", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, approx, ok := NormaliseVersion(tt.in)
			if got != tt.want || approx != tt.approx || ok != tt.ok {
				t.Errorf("NormaliseVersion(%q) = %q, %v, %v; want %q, %v, %v", tt.in, got, approx, ok, tt.want, tt.approx, tt.ok)
			}
		})
	}
}

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"9", "10", -1},
		{"10.1", "10", 1},
		{"17.4", "17.10", -1},
		{"120", "120", 0},
		{"preview", "999", 1},
		{"1", "preview", -1},
		{"junk", "1", 1},
	}
	for _, tt := range tests {
		if got := compareVersions(tt.a, tt.b); got != tt.want {
			t.Errorf("compareVersions(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func FuzzParseQueries(f *testing.F) {
	for _, seed := range []string{"firefox", "chrome@120", "chrome>=120", "firefox>=115 <130", "safari>=17.4",
		"firefox,chrome", "firefox>=115,<130", "netscape", "", ",", "@", "chrome@", "edge^1.2.x", "opera>=1 || <2", "\x00", "≤79"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, list string) {
		qs, err := ParseQueries(list)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseQueries(%q) gave an empty error", list)
			}
			return
		}
		if len(qs) == 0 {
			t.Fatalf("ParseQueries(%q) gave no queries and no error", list)
		}
		seen := map[string]bool{}
		for _, q := range qs {
			if seen[q.Browser.Name] {
				t.Fatalf("ParseQueries(%q) gave %q twice", list, q.Browser.Name)
			}
			seen[q.Browser.Name] = true
			// Resolving never panics; it may fail for a range with no release.
			if tgt, err := Resolve(q, ""); err == nil && len(tgt.Versions) == 0 {
				t.Fatalf("Resolve(%q) gave an empty range", q.Text)
			}
		}
	})
}
