package standalone

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFresh fails when a script of standalone/ differs from what the shims
// and the compat data give now: run go generate ./standalone.
func TestFresh(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.FromSlash(name))
		if err != nil || string(got) != string(want) {
			t.Errorf("standalone/%s is stale or missing (%v): run go generate ./standalone", name, err)
		}
	}
	// Nothing else is there but the package's own Go files.
	err = filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".go") {
			return err
		}
		if _, ok := files[filepath.ToSlash(p)]; !ok {
			t.Errorf("standalone/%s is not generated: remove it", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
