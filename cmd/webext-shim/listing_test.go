package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildListing checks that a build of an extension with many copied
// files lists its generated files and one line for the copied ones, and
// that -v lists every file.
func TestBuildListing(t *testing.T) {
	src := t.TempDir()
	files := map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "x", "version": "1", "background": {"service_worker": "bg.js"}}`,
		"bg.js":         "console.log(1);\n",
	}
	const assets = 1200
	for i := range assets {
		files[fmt.Sprintf("assets/a%04d.txt", i)] = "0123456789"
	}
	for name, data := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		name     string
		flags    []string
		maxLines int
		has      []string
		lacks    []string
	}{
		{"default", nil, 6, []string{"* bg.js", "* manifest.json", "copied 1,200 files, 12.0 kB (-v lists them)", "built 1 target, 1,202 files"}, []string{"assets/a0000.txt"}},
		{"verbose", []string{"-v"}, assets + 6, []string{"* bg.js", "* manifest.json", "  assets/a0000.txt", "  assets/a1199.txt", "built 1 target, 1,202 files"}, []string{"copied 1,200"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			args := append([]string{"-t", "chrome", "-o", out}, tt.flags...)
			code, _, stderr := runFixed(t, out, append(args, src)...)
			if code != exitOK {
				t.Fatalf("exit code %d:\n%s", code, stderr)
			}
			if n := strings.Count(stderr, "\n"); n > tt.maxLines {
				t.Errorf("%d lines, want at most %d:\n%s", n, tt.maxLines, stderr)
			}
			for _, s := range tt.has {
				if !strings.Contains(stderr, s) {
					t.Errorf("the listing lacks %q:\n%s", s, stderr)
				}
			}
			for _, s := range tt.lacks {
				if strings.Contains(stderr, s) {
					t.Errorf("the listing has %q:\n%s", s, stderr)
				}
			}
		})
	}
}

func TestGroupDigits(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {1996, "1,996"}, {123456, "123,456"}, {1234567, "1,234,567"}, {-1234, "-1,234"},
	} {
		t.Run(tt.want, func(t *testing.T) {
			if got := groupDigits(tt.n); got != tt.want {
				t.Errorf("groupDigits(%d) = %q, want %q", tt.n, got, tt.want)
			}
		})
	}
}
