package targets

import (
	"testing"
)

// BenchmarkDecodeTable decodes the embedded compat.json, what the first use
// of the tables costs each process.
func BenchmarkDecodeTable(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(compatJSON)))
	for b.Loop() {
		if _, err := decodeTable(compatJSON); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseQueries(b *testing.B) {
	for _, list := range []string{
		"chrome,firefox",
		"firefox>=115 <130,chrome@120,safari>=17.4,edge^120,opera,firefox-android,safari-ios",
	} {
		b.Run(list, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseQueries(list); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkResolveAll(b *testing.B) {
	if _, err := tables(); err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		list     string
		minimums map[string]string
	}{
		{"default-ranges", "chrome,firefox", nil},
		{"manifest-minimums", "chrome,firefox", map[string]string{"chrome": "120", "firefox": "115.0"}},
		{"constraints", "firefox>=115 <130,chrome@120,safari>=17.4,edge^120", nil},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ResolveAll(tc.list, tc.minimums); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkLookup(b *testing.B) {
	ts, err := ResolveAll("chrome,firefox", nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, feature := range []string{
		"runtime.getBackgroundPage",
		"extension.getBackgroundPage",
		"manifest.background.service_worker",
		"tabs.executeScript",
		"storage.local.get",
	} {
		for _, t := range ts {
			b.Run(feature+"/"+t.Browser.Name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Lookup(feature, t); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestCompareVersionsFastPath checks that compareVersions' numeric fast
// path orders versions as Masterminds/semver does.
func TestCompareVersionsFastPath(t *testing.T) {
	versions := []string{"0", "1", "9", "10", "79", "120", "120.0", "120.0.0", "120.1", "17.4", "17.4.1", "17.10",
		"007", "1.2.3", "1.2.10", "18.0.1", "999999999999999999", "4294967296.1"}
	for _, a := range versions {
		for _, b := range versions {
			va, err := parseVersion(a)
			if err != nil {
				t.Fatalf("semver rejects %q: %v", a, err)
			}
			vb, err := parseVersion(b)
			if err != nil {
				t.Fatalf("semver rejects %q: %v", b, err)
			}
			if _, ok := numericVersion(a); !ok {
				t.Errorf("numericVersion(%q) is not ok", a)
			}
			if got, want := compareVersions(a, b), va.Compare(vb); got != want {
				t.Errorf("compareVersions(%q, %q) = %d; semver says %d", a, b, got, want)
			}
		}
	}
	for _, v := range []string{"", ".", "1.", ".1", "1..2", "1.2.3.4", "v1", "1a", "1.2-beta", "preview", "1234567890123456789"} {
		if p, ok := numericVersion(v); ok {
			t.Errorf("numericVersion(%q) = %v, ok; want not ok", v, p)
		}
	}
}

// TestTableDecodesEveryEntry decodes every feature and chrome-types member
// of the embedded table, which the tables otherwise decode on first use.
func TestTableDecodesEveryEntry(t *testing.T) {
	tab, err := decodeTable(compatJSON)
	if err != nil {
		t.Fatal(err)
	}
	for name := range tab.Features {
		if f, err := tab.feature(name); err != nil {
			t.Error(err)
		} else if len(f.Support) == 0 {
			t.Errorf("feature %q has no support statements", name)
		}
	}
	for path := range tab.Chrome {
		if m, ok, err := tab.chrome(path); err != nil || !ok {
			t.Errorf("chrome member %q: ok %v, %v", path, ok, err)
		} else if m.Kind == "" {
			t.Errorf("chrome member %q has no kind", path)
		}
	}
}
