package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/bundle"
)

// badDir holds the bad-input corpus: one directory per case, each with
//
//	src/   the source extension (copied to a temporary directory)
//	args   "# " comment lines saying what the case is and what is decided,
//	       then the command line, one argument per line ("$SRC" is the
//	       copied source, "$OUT" the output directory; a line in double
//	       quotes is a Go string literal, for the empty argument)
//	want   the golden result: "exit N", then every diagnostic and error
//	       line the command prints (refreshed with -update)
//
// Some cases need what git does not keep (symbolic links, modes, huge
// files): badSetup makes it in the copy.
const badDir = "../../testdata/bad"

// badSetup prepares the temporary directory dir (holding the copy src/)
// of the cases that need more than their files.
var badSetup = map[string]func(t *testing.T, dir string){
	"manifest-unreadable": func(t *testing.T, dir string) {
		badRequirePermissions(t)
		badChmod(t, filepath.Join(dir, "src", "manifest.json"), 0)
	},
	"escape-symlink-file": func(t *testing.T, dir string) {
		badWriteFile(t, filepath.Join(dir, "outside.js"), "self.secret = \"from outside the source\";\n")
		badSymlink(t, "../outside.js", filepath.Join(dir, "src", "sw.js"))
	},
	"escape-symlink-dir": func(t *testing.T, dir string) {
		badWriteFile(t, filepath.Join(dir, "shared", "lib.js"), "var shared = \"from outside the source\";\n")
		badSymlink(t, "../shared", filepath.Join(dir, "src", "lib"))
	},
	"escape-import-relative": func(t *testing.T, dir string) {
		badWriteFile(t, filepath.Join(dir, "outside.js"), "export const secret = \"from outside the source\";\n")
	},
	"escape-import-absolute": func(t *testing.T, dir string) {
		outside := filepath.Join(dir, "outside.js")
		badWriteFile(t, outside, "export const secret = \"from outside the source\";\n")
		badWriteFile(t, filepath.Join(dir, "src", "sw.js"), "import { secret } from "+strconv.Quote(filepath.ToSlash(outside))+";\nself.secret = secret;\n")
	},
	"outdir-holds-source": func(t *testing.T, dir string) {
		if err := os.MkdirAll(filepath.Join(dir, "out"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(dir, "src"), filepath.Join(dir, "out", "chrome")); err != nil {
			t.Fatal(err)
		}
	},
	"outdir-is-file": func(t *testing.T, dir string) {
		badWriteFile(t, filepath.Join(dir, "out"), "a file, not a directory\n")
	},
	"outdir-foreign": func(t *testing.T, dir string) {
		badWriteFile(t, filepath.Join(dir, "out", "chrome", "notes.txt"), "the user's own notes\n")
	},
	"outdir-unwritable": func(t *testing.T, dir string) {
		badRequirePermissions(t)
		if err := os.Mkdir(filepath.Join(dir, "out"), 0o555); err != nil {
			t.Fatal(err)
		}
	},
	"huge-script": func(t *testing.T, dir string) {
		// Sparse: the size is what counts, the file is never read.
		badSparseFile(t, filepath.Join(dir, "src", "vendor", "huge.js"), bundle.MaxReadSize+1<<20)
	},
	"huge-asset": func(t *testing.T, dir string) {
		badSparseFile(t, filepath.Join(dir, "src", "data", "model.bin"), 80<<20)
	},
}

// TestBadInputs runs the command on each case of the bad-input corpus and
// compares its exit code and diagnostics with the case's golden file. A
// case that fails must leave the whole directory as it was (nothing
// written, nothing removed); one that succeeds may change only its output
// directory.
func TestBadInputs(t *testing.T) {
	entries, err := os.ReadDir(badDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		n++
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			caseDir, err := filepath.Abs(filepath.Join(badDir, name))
			if err != nil {
				t.Fatal(err)
			}
			args := badArgs(t, filepath.Join(caseDir, "args"))
			dir := t.TempDir()
			badCopyTree(t, filepath.Join(caseDir, "src"), filepath.Join(dir, "src"))
			if setup := badSetup[name]; setup != nil {
				setup(t, dir)
			}
			before := badSnapshot(t, dir)
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			code := runEnv(&env{ctx: context.Background(), stdout: &stdout, stderr: &stderr, now: fixedClock}, args)
			got := "exit " + strconv.Itoa(code) + "\n" + badDiagnosticLines(stderr.String())
			goldenFile(t, filepath.Join(caseDir, "want"), got)
			if t.Failed() {
				t.Logf("stderr:\n%s", stderr.String())
			}
			after := badSnapshot(t, dir)
			outDir := badOutDir(args)
			for p, v := range before {
				if after[p] != v && (code != exitOK || !badUnder(p, outDir)) {
					t.Errorf("%s changed (exit %d): %s -> %q", p, code, v, after[p])
				}
			}
			for p := range after {
				if _, ok := before[p]; !ok && (code != exitOK || !badUnder(p, outDir)) {
					t.Errorf("%s was written (exit %d, output directory %q)", p, code, outDir)
				}
			}
			if code == exitOK {
				if _, ok := after[outDir+"/"+strings.Split(badTarget(args), ",")[0]+"/manifest.json"]; !ok && !badIsCheck(args) {
					t.Errorf("the build succeeded but wrote no %s/<browser>/manifest.json", outDir)
				}
			}
		})
	}
	if n < 25 {
		t.Errorf("the corpus has %d cases, want at least 25", n)
	}
}

// badArgs reads a case's command line.
func badArgs(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, `"`) {
			s, err := strconv.Unquote(line)
			if err != nil {
				t.Fatalf("%s: %q: %v", path, line, err)
			}
			line = s
		}
		line = strings.ReplaceAll(line, "$SRC", "src")
		line = strings.ReplaceAll(line, "$OUT", "out")
		args = append(args, line)
	}
	return args
}

// badOutDir is the output directory of a command line, slash-separated.
func badOutDir(args []string) string {
	for i, a := range args {
		if (a == "-o" || a == "--outdir") && i+1 < len(args) {
			return filepath.ToSlash(filepath.Clean(args[i+1]))
		}
	}
	return "src/" + bundle.DefaultOutDir
}

// badTarget is the --target value of a command line.
func badTarget(args []string) string {
	for i, a := range args {
		if (a == "-t" || a == "--target") && i+1 < len(args) {
			return args[i+1]
		}
	}
	return defaultTargets
}

func badIsCheck(args []string) bool { return len(args) > 0 && args[0] == "check" }

// under reports whether the slash-separated path p is dir or inside it.
func badUnder(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }

// badDiagnosticRE matches a diagnostic line: an optional "file[:line[:col]]: "
// then the severity.
var badDiagnosticRE = regexp.MustCompile(`^(?:\S[^ ]*: )?(?:error|warning|info): `)

// badDiagnosticLines keeps the lines of the command's stderr that the corpus
// pins down: diagnostics and the command's own error lines (not the build
// summary, whose layout is the summary's business).
func badDiagnosticLines(stderr string) string {
	var b strings.Builder
	for _, line := range strings.Split(stderr, "\n") {
		if badDiagnosticRE.MatchString(line) || strings.HasPrefix(line, "webext-shim ") || strings.HasPrefix(line, `run "webext-shim help`) {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// badSnapshot describes every entry under dir (slash-separated relative
// path -> kind, mode and content hash, or link target), following nothing.
func badSnapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrPermission) {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			snap[rel] = "link " + target
		case d.IsDir():
			snap[rel] = "dir " + info.Mode().String()
		default:
			f, err := os.Open(p)
			if err != nil {
				snap[rel] = "unreadable " + info.Mode().String()
				return nil
			}
			h := sha256.New()
			_, err = f.WriteTo(h)
			f.Close()
			if err != nil {
				return err
			}
			snap[rel] = "file " + info.Mode().String() + " " + hex.EncodeToString(h.Sum(nil))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// badCopyTree copies the regular files and directories of src into dst.
func badCopyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func badWriteFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func badSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}

func badChmod(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(path, 0o755) })
}

// badSparseFile makes a file of size bytes without writing them.
func badSparseFile(t *testing.T, path string, size int64) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// badRequirePermissions skips the test where file permissions are not
// enforced (as root): an unreadable or unwritable path cannot be made.
func badRequirePermissions(t *testing.T) {
	t.Helper()
	if os.Geteuid() == 0 {
		t.Skip("running as root, where file permissions are not enforced: the case needs an unreadable or unwritable path (run the tests as another user to cover it)")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
		f.Close()
		t.Skip("file permissions are not enforced here: the case needs an unwritable path")
	}
}
