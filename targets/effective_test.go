package targets

import (
	"slices"
	"strings"
	"testing"
)

func TestForManifestVersion(t *testing.T) {
	tests := []struct {
		query, manifestMin string
		mv                 int
		want               string // the effective Target.String()
		raised             bool
		dropped            int
		first              string
		constraint         string
	}{
		// Chromium, Manifest V3 (webext-shim's Chromium output): from 88.
		// (BCD lists no Chrome 82, which was skipped.)
		{"chrome>=80", "", 3, "chrome 88-159+", true, 7, "88", ">=80 >=88"},
		{"chrome", "6.0.0.0", 3, "chrome 88-159+", true, 81, "88", ">=6 >=88"},
		{"chrome", "88.0.4324", 3, "chrome 88-159+", false, 0, "88", ">=88"},
		{"chrome>=120", "", 3, "chrome 120-159+", false, 0, "88", ">=120"},
		{"chrome", "", 3, "chrome 131-157+", false, 0, "88", ">=131"},
		{"chrome>=80 !=100", "", 3, "chrome 88-159+", true, 7, "88", ">=80 !=100 >=88"}, // the gap stays
		{"chrome>=80 <100", "", 3, "chrome 88-99", true, 7, "88", ">=80 <100 >=88"},
		{"edge>=79", "", 3, "edge 88-159+", true, 8, "88", ">=79 >=88"},
		{"opera>=60", "", 3, "opera 74-142+", true, 13, "74", ">=60 >=74"},
		// Chromium, Manifest V2: no Chrome from 139 loads it.
		{"chrome>=120", "", 2, "chrome 120-138", false, 21, "4", ">=120 >=120 <=138"},
		{"chrome>=100 <130", "", 2, "chrome 100-129", false, 0, "4", ">=100 <130"},
		// Gecko: Manifest V3 from 109; Manifest V2 throughout.
		{"firefox>=100", "", 3, "firefox 109-162+", true, 9, "109", ">=100 >=109"},
		{"firefox", "115.0", 3, "firefox 115-162+", false, 0, "109", ">=115"},
		{"firefox>=100", "", 2, "firefox 100-162+", false, 0, "48", ">=100"},
		{"firefox-android>=100", "", 3, "firefox-android 109-162+", true, 9, "109", ">=100 >=109"},
		// WebKit: Manifest V3 from 15.4.
		{"safari>=14", "", 3, "safari 15.4-27.3+", true, 6, "15.4", ">=14 >=15.4"},
		{"safari>=14", "", 2, "safari 14-27.3+", false, 0, "14", ">=14"},
		{"safari-ios>=15", "", 3, "safari-ios 15.4-27.3+", true, 4, "15.4", ">=15 >=15.4"},
	}
	for _, tt := range tests {
		t.Run(tt.query+"/"+tt.manifestMin+"/mv"+string(rune('0'+tt.mv)), func(t *testing.T) {
			q, err := ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			tgt, err := Resolve(q, tt.manifestMin)
			if err != nil {
				t.Fatal(err)
			}
			e, err := ForManifestVersion(tgt, tt.mv)
			if err != nil {
				t.Fatal(err)
			}
			if e.Target.String() != tt.want || e.Raised != tt.raised || len(e.Dropped) != tt.dropped || e.First != tt.first || e.Target.Constraint != tt.constraint {
				t.Errorf("got %s raised=%v dropped=%q first=%q constraint=%q; want %s %v %d %q %q",
					e.Target, e.Raised, e.Dropped, e.First, e.Target.Constraint, tt.want, tt.raised, tt.dropped, tt.first, tt.constraint)
			}
			if e.Target.Origin != tgt.Origin || e.Target.Browser != tgt.Browser {
				t.Errorf("origin %s, browser %s; want the asked target's %s, %s", e.Target.Origin, e.Target.Browser.Name, tgt.Origin, tgt.Browser.Name)
			}
			// Kept and dropped make up the asked range.
			all := append(slices.Clone(e.Dropped), e.Target.Versions...)
			slices.SortFunc(all, compareVersions)
			if !slices.Equal(all, tgt.Versions) {
				t.Errorf("kept %q and dropped %q are not the range %q", e.Target.Versions, e.Dropped, tgt.Versions)
			}
		})
	}
}

func TestForManifestVersionErrors(t *testing.T) {
	tests := []struct {
		query string
		mv    int
		want  string
	}{
		{"chrome<88", 3, `no version of chrome 1-87 loads a Manifest V3 extension (chrome has it in versions since 88)`},
		{"firefox>=100 <109", 3, `no version of firefox 100-108 loads a Manifest V3 extension (firefox has it in versions since 109)`},
		{"safari>=14 <15", 3, `no version of safari 14-14.1 loads a Manifest V3 extension (safari has it in versions since 15.4)`},
		{"chrome>=140", 2, `no version of chrome 140-159+ loads a Manifest V2 extension`},
		{"chrome", 4, `manifest version 4: want 2 or 3`},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			_, err := ForManifestVersion(mustTarget(t, tt.query), tt.mv)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestNarrowConstraint(t *testing.T) {
	tests := []struct{ constraint, bounds, want string }{
		{">=80", ">=88", ">=80 >=88"},
		{">=80 <100", ">=88", ">=80 <100 >=88"},
		{"<90 || >=100", ">=88", "<90 >=88 || >=100 >=88"},
		{"", ">=88 <=138", ">=88 <=138"},
	}
	for _, tt := range tests {
		t.Run(tt.constraint, func(t *testing.T) {
			if got := narrowConstraint(tt.constraint, tt.bounds); got != tt.want {
				t.Errorf("narrowConstraint(%q, %q) = %q, want %q", tt.constraint, tt.bounds, got, tt.want)
			}
		})
	}
}
