package dist

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFresh fails when a file of dist/ differs from what the shims and the
// compat data give now: run go generate ./dist.
func TestFresh(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.FromSlash(name))
		if err != nil || string(got) != string(want) {
			t.Errorf("dist/%s is stale or missing (%v): run go generate ./dist", name, err)
		}
	}
	// Nothing else is there but the package's own files.
	err = filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".go") {
			return err
		}
		if _, ok := files[filepath.ToSlash(p)]; !ok {
			t.Errorf("dist/%s is not generated: remove it", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
