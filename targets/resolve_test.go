package targets

import (
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	tests := []struct {
		query       string
		manifestMin string
		want        string // Target.String()
		origin      Origin
	}{
		// Defaults: every release dated in the 24 months before the
		// snapshot (2026-11-12 for BCD 8.1.9), and every later one.
		{"chrome", "", "chrome 131-157+", FromDefault},
		{"edge", "", "edge 131-157+", FromDefault},
		{"opera", "", "opera 115-140+", FromDefault},
		{"firefox", "", "firefox 133-160+", FromDefault},
		{"firefox-android", "", "firefox-android 133-160+", FromDefault},
		{"safari", "", "safari 18.2-27.2+", FromDefault},
		{"safari-ios", "", "safari-ios 18.2-27.2+", FromDefault},
		// The manifest's minimum wins over the default.
		{"chrome", "120", "chrome 120-159+", FromManifest},
		{"firefox", "115.0", "firefox 115-162+", FromManifest},
		{"firefox", "109.0a1", "firefox 109-162+", FromManifest},
		// Versions as browsers accept them (issue 19): Chrome's four parts,
		// build numbers inside a release, a Firefox point release.
		{"chrome", "6.0.0.0", "chrome 6-159+", FromManifest},
		{"chrome", "88.0.4324", "chrome 88-159+", FromManifest},
		{"chrome", "88.0.4324.150", "chrome 88-159+", FromManifest},
		{"edge", "120.0.2210.61", "edge 120-159+", FromManifest},
		{"firefox", "115.0.1", "firefox 115-162+", FromManifest},
		{"safari", "17.4.1", "safari 17.4-27.3+", FromManifest},
		{"safari", "17.0", "safari 17-27.3+", FromManifest},
		// An explicit query wins over the manifest.
		{"chrome>=120", "100", "chrome 120-159+", FromQuery},
		{"chrome@120", "", "chrome 120", FromQuery},
		{"firefox>=115 <130", "", "firefox 115-129", FromQuery},
		{"safari>=17.4", "", "safari 17.4-27.3+", FromQuery},
		{"safari>=17.4 <18", "", "safari 17.4-17.6", FromQuery},
	}
	for _, tt := range tests {
		t.Run(tt.query+"/"+tt.manifestMin, func(t *testing.T) {
			q, err := ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Resolve(q, tt.manifestMin)
			if err != nil {
				t.Fatalf("Resolve(%q, %q): %v", tt.query, tt.manifestMin, err)
			}
			if got.String() != tt.want || got.Origin != tt.origin {
				t.Errorf("Resolve(%q, %q) = %s (%s), want %s (%s)", tt.query, tt.manifestMin, got, got.Origin, tt.want, tt.origin)
			}
			for i := 1; i < len(got.Versions); i++ {
				if compareVersions(got.Versions[i-1], got.Versions[i]) >= 0 {
					t.Errorf("versions out of order: %q", got.Versions)
				}
			}
		})
	}
}

func TestResolveErrors(t *testing.T) {
	tests := []struct {
		query, manifestMin, want string
	}{
		{"chrome@999", "", `no chrome release matches "=999" (the tables know chrome 1 to 160)`},
		{"firefox<1", "", `no firefox release matches "<1"`},
		{"chrome", "abc", `invalid minimum version "abc" for chrome in the manifest`},
		{"chrome", "999", `no chrome release matches ">=999"`},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, err := ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Resolve(q, tt.manifestMin)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Resolve(%q, %q) error = %v, want %q", tt.query, tt.manifestMin, err, tt.want)
			}
		})
	}
}

func TestDataSources(t *testing.T) {
	s, err := DataSources()
	if err != nil {
		t.Fatal(err)
	}
	if s.BCD != "8.1.9" || s.ChromeTypes != "0.1.457" || s.Date != "2026-11-12" {
		t.Errorf("DataSources() = %+v, want BCD 8.1.9, chrome-types 0.1.457, date 2026-11-12", s)
	}
}
