//go:build unix

package bundle

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/webext-shim/webext-shim/targets"
)

// These tests check, on real files, what Build promises about the files
// around it: nothing from outside the source tree gets into the output or
// an archive; nothing outside OUTDIR is written or removed; a failed build
// leaves the previous output byte for byte; a build killed at any moment
// leaves each OUTDIR/<browser> (and each archive) old or new, never a mix,
// and the next build succeeds. They are for Unix (symbolic links, modes,
// SIGKILL, umask).

// safeTree describes every entry under dir, following no link: slash
// path -> kind, mode and SHA-256 of the contents, or the link's target.
// Paths for which skip returns true are left out (with what is under
// them).
func safeTree(t *testing.T, dir string, skip func(rel string) bool) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if skip != nil && rel != "." && skip(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			tree[rel] = "link " + target
		case d.IsDir():
			tree[rel] = "dir " + info.Mode().Perm().String()
		default:
			sum, err := safeHash(p)
			if err != nil {
				return err
			}
			tree[rel] = "file " + info.Mode().String() + " " + sum
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func safeHash(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// safeSameTree reports the differences between two safeTree results.
func safeSameTree(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	var diffs []string
	for p, v := range before {
		if w, ok := after[p]; !ok {
			diffs = append(diffs, "removed "+p)
		} else if w != v {
			diffs = append(diffs, "changed "+p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			diffs = append(diffs, "added "+p)
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 0 {
		t.Errorf("%s: %d differences: %s", what, len(diffs), strings.Join(diffs, ", "))
	}
}

// safeWrite writes files (slash paths relative to dir) into dir.
func safeWrite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func safeQueries(t *testing.T, list string) []targets.Query {
	t.Helper()
	qs, err := targets.ParseQueries(list)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// safeSource is a small extension that uses every kind of entry.
func safeSource(extra map[string]string) map[string]string {
	files := map[string]string{
		"manifest.json": `{
  "manifest_version": 3,
  "name": "Safe",
  "version": "1.2.3",
  "background": {"service_worker": "sw.js", "type": "module"},
  "action": {"default_popup": "popup.html"},
  "content_scripts": [{"matches": ["https://example.com/*"], "js": ["cs.js"], "css": ["cs.css"]}],
  "icons": {"48": "icon.png"},
  "browser_specific_settings": {"gecko": {"id": "safe@example.com"}}
}
`,
		"sw.js":       "import { util } from \"./lib/util.js\";\nself.answer = util();\n",
		"lib/util.js": "export function util() { return 42; }\n",
		"popup.html":  "<!doctype html>\n<script src=\"popup.js\"></script>\n",
		"popup.js":    "const page = chrome.extension.getBackgroundPage();\n",
		"cs.js":       "document.documentElement.dataset.safe = \"1\";\n",
		"cs.css":      "html { color: black; }\n",
		"icon.png":    "\x89PNG not really\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	return files
}

// TestSafeNothingFromOutside tries every way a source can name a file
// outside its tree: each build fails with a diagnostic, and the secret
// next to the source is in no file of the output, no archive entry and no
// diagnostic. A plain source next to the same secrets builds, without
// them.
func TestSafeNothingFromOutside(t *testing.T) {
	root := t.TempDir()
	secret := fmt.Sprintf("SECRET-%016x", rand.Uint64())
	safeWrite(t, root, map[string]string{
		"secret.js":                      "export const secret = \"" + secret + "\";\nself.secret = \"" + secret + "\";\n",
		"secret.txt":                     secret + "\n",
		"secrets/data.json":              "{\"s\": \"" + secret + "\"}\n",
		"node_modules/evil/index.js":     "export default \"" + secret + "\";\n",
		"node_modules/evil/package.json": `{"name": "evil", "main": "index.js"}`,
		"_locales/en/messages.json":      "{\"name\": {\"message\": \"" + secret + "\"}}\n",
	})
	abs := filepath.ToSlash(filepath.Join(root, "secret.js"))
	tests := []struct {
		name   string
		files  map[string]string
		links  map[string]string // link (in the source) -> target
		failed bool
	}{
		{name: "plain source next to the secrets"},
		{name: "relative import", failed: true, files: map[string]string{"lib/util.js": "import { secret } from \"../../secret.js\";\nexport function util() { return secret; }\n"}},
		{name: "absolute import", failed: true, files: map[string]string{"lib/util.js": "import { secret } from " + strconv.Quote(abs) + ";\nexport function util() { return secret; }\n"}},
		{name: "package above the source", failed: true, files: map[string]string{"lib/util.js": "import evil from \"evil\";\nexport function util() { return evil; }\n"}},
		{name: "linked file", failed: true, links: map[string]string{"extra.js": "../secret.js"}},
		{name: "linked directory", failed: true, links: map[string]string{"assets": "../secrets"}},
		{name: "linked entry", failed: true, links: map[string]string{"cs.js": "../secret.js"}},
		{name: "page script", failed: true, files: map[string]string{"popup.html": "<!doctype html>\n<script src=\"../secret.js\"></script>\n"}},
		{name: "page script, root-relative", failed: true, files: map[string]string{"popup.html": "<!doctype html>\n<script src=\"/../secret.js\"></script>\n"}},
		{name: "content script", failed: true, files: map[string]string{"manifest.json": strings.Replace(safeSource(nil)["manifest.json"], `"js": ["cs.js"]`, `"js": ["../secret.js"]`, 1)}},
		{name: "content script css", failed: true, files: map[string]string{"manifest.json": strings.Replace(safeSource(nil)["manifest.json"], `"css": ["cs.css"]`, `"css": ["../secret.txt"]`, 1)}},
		{name: "absolute path in the manifest", failed: true, files: map[string]string{"manifest.json": strings.Replace(safeSource(nil)["manifest.json"], `"js": ["cs.js"]`, `"js": [`+strconv.Quote(abs)+`]`, 1)}},
		{name: "icon", failed: true, files: map[string]string{"manifest.json": strings.Replace(safeSource(nil)["manifest.json"], `"48": "icon.png"`, `"48": "../secret.txt"`, 1)}},
		{name: "default locale", failed: true, files: map[string]string{"manifest.json": strings.Replace(safeSource(nil)["manifest.json"], `"name": "Safe"`, `"name": "__MSG_name__", "default_locale": "../../_locales/en"`, 1)}},
		{name: "importScripts", failed: true, files: map[string]string{
			"manifest.json": strings.Replace(safeSource(nil)["manifest.json"], `, "type": "module"`, "", 1),
			"sw.js":         "importScripts(\"../secret.js\");\n",
		}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := filepath.Join(root, fmt.Sprintf("src%d", i))
			safeWrite(t, src, safeSource(tt.files))
			for link, target := range tt.links {
				os.Remove(filepath.Join(src, link))
				if err := os.Symlink(target, filepath.Join(src, link)); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(root, fmt.Sprintf("out%d", i))
			res, err := Build(context.Background(), Options{Source: src, OutDir: out, Targets: safeQueries(t, "chrome,firefox"), Zip: true, SourcesZip: true})
			if tt.failed != (err != nil) {
				t.Fatalf("err = %v, want failure %v; diagnostics:\n%v", err, tt.failed, res.Diagnostics)
			}
			if tt.failed && !res.Diagnostics.HasErrors() {
				t.Errorf("failed with %v but no error diagnostic", err)
			}
			for _, d := range res.Diagnostics {
				if strings.Contains(d.String(), secret) {
					t.Errorf("a diagnostic shows the secret: %s", d)
				}
			}
			if tt.failed {
				if _, err := os.Lstat(out); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("a failed build wrote %s (%v)", out, err)
				}
				return
			}
			n := safeScan(t, out, secret)
			if n < 10 {
				t.Errorf("scanned %d files and entries, expected the whole output", n)
			}
		})
	}
}

// safeScan fails if secret is in a file under dir or in an entry of an
// archive there; it returns how many files and entries it looked at.
func safeScan(t *testing.T, dir, secret string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		if bytes.Contains(data, []byte(secret)) {
			t.Errorf("%s holds the secret", p)
		}
		if strings.HasSuffix(p, ".zip") {
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				return err
			}
			for _, f := range zr.File {
				rc, err := f.Open()
				if err != nil {
					return err
				}
				entry, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					return err
				}
				n++
				if bytes.Contains(entry, []byte(secret)) || strings.Contains(f.Name, secret) {
					t.Errorf("%s: entry %s holds the secret", p, f.Name)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSafeWritesOnlyOutDir builds, rebuilds, fails and rebuilds over
// links the user put into OUTDIR, and checks after each step that nothing
// outside OUTDIR changed: not the source, not its siblings, not what the
// links point to.
func TestSafeWritesOnlyOutDir(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "src")
	out := filepath.Join(root, "out")
	safeWrite(t, src, safeSource(nil))
	safeWrite(t, root, map[string]string{
		"sibling.txt":          "a file next to OUTDIR\n",
		"elsewhere/keep.txt":   "the user's file a link in OUTDIR points to\n",
		"elsewhere/chrome.txt": "more of the user's files\n",
		"outside.zip":          "PK not an archive\n",
	})
	opts := Options{Source: src, OutDir: out, Targets: safeQueries(t, "chrome,firefox"), Zip: true, SourcesZip: true}
	outside := func(rel string) bool { return rel == "out" }
	steps := []struct {
		name   string
		before func()
		failed bool
	}{
		{name: "first build"},
		{name: "same build again"},
		{name: "failed build", failed: true, before: func() { safeWrite(t, src, map[string]string{"lib/util.js": "export function util( {\n"}) }},
		{name: "fixed", before: func() { safeWrite(t, src, map[string]string{"lib/util.js": "export function util() { return 43; }\n"}) }},
		{name: "OUTDIR/chrome is a link to the user's directory", before: func() {
			os.RemoveAll(filepath.Join(out, "chrome"))
			if err := os.Symlink(filepath.Join(root, "elsewhere"), filepath.Join(out, "chrome")); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "the marker and an archive are links to the user's files", before: func() {
			for name, target := range map[string]string{OutputMarker: "elsewhere/keep.txt", "safe-1.2.3-firefox.zip": "outside.zip"} {
				os.Remove(filepath.Join(out, name))
				if err := os.Symlink(filepath.Join(root, target), filepath.Join(out, name)); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{name: "failed build over links", failed: true, before: func() {
			os.RemoveAll(filepath.Join(out, "firefox"))
			if err := os.Symlink(filepath.Join(root, "elsewhere"), filepath.Join(out, "firefox")); err != nil {
				t.Fatal(err)
			}
			safeWrite(t, src, map[string]string{"manifest.json": "{"})
		}},
	}
	for _, step := range steps {
		if step.before != nil {
			step.before()
		}
		before := safeTree(t, root, outside)
		_, err := Build(context.Background(), opts)
		if step.failed != (err != nil) {
			t.Fatalf("%s: err = %v, want failure %v", step.name, err, step.failed)
		}
		safeSameTree(t, step.name+": outside OUTDIR", before, safeTree(t, root, outside))
		if !step.failed {
			entries, err := os.ReadDir(out)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			want := []string{OutputMarker, "chrome", "firefox", "safe-1.2.3-chrome.zip", "safe-1.2.3-firefox.zip", "safe-1.2.3-sources.zip"}
			if !slices.Equal(names, want) {
				t.Errorf("%s: OUTDIR holds %v, want %v", step.name, names, want)
			}
		}
	}
}

// TestSafeFailedBuildKeepsOutput breaks a source that built in every way
// the corpus knows, and fails the write itself at each of its steps: the
// previous output, archives included, stays byte for byte, and no staging
// directory is left.
func TestSafeFailedBuildKeepsOutput(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	good := safeSource(nil)
	src := filepath.Join(root, "src")
	safeWrite(t, src, good)
	opts := Options{Source: src, OutDir: out, Targets: safeQueries(t, "chrome,firefox"), Zip: true, SourcesZip: true}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	previous := safeTree(t, out, nil)

	breakages := []struct {
		name  string
		files map[string]string
		setup func(t *testing.T, src string)
	}{
		{name: "syntax error in a module entry", files: map[string]string{"sw.js": "import { util } from \"./lib/util.js\";\nself.answer = ;\n"}},
		{name: "syntax error in an imported module", files: map[string]string{"lib/util.js": "export function util( {\n"}},
		{name: "unresolvable import", files: map[string]string{"sw.js": "import \"./nope.js\";\n"}},
		{name: "missing file", setup: func(t *testing.T, src string) { os.Remove(filepath.Join(src, "cs.css")) }},
		{name: "malformed manifest", files: map[string]string{"manifest.json": "{\"manifest_version\": 3,,}"}},
		{name: "no manifest", setup: func(t *testing.T, src string) { os.Remove(filepath.Join(src, ManifestFile)) }},
		{name: "link outside", setup: func(t *testing.T, src string) {
			safeWrite(t, filepath.Dir(src), map[string]string{"outside.txt": "outside\n"})
			if err := os.Symlink("../outside.txt", filepath.Join(src, "link.txt")); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "not UTF-8", files: map[string]string{"cs.js": "var s = \"caf\xe9\";\n"}},
		{name: "huge script", setup: func(t *testing.T, src string) {
			f, err := os.Create(filepath.Join(src, "huge.js"))
			if err != nil {
				t.Fatal(err)
			}
			f.Truncate(MaxReadSize + 1)
			f.Close()
		}},
		{name: "minimum version no release has", files: map[string]string{"manifest.json": strings.Replace(good["manifest.json"], `"version": "1.2.3",`, `"version": "1.2.3", "minimum_chrome_version": "999",`, 1)}},
	}
	for _, b := range breakages {
		t.Run(b.name, func(t *testing.T) {
			src := filepath.Join(t.TempDir(), "src")
			safeWrite(t, src, good)
			safeWrite(t, src, b.files)
			if b.setup != nil {
				b.setup(t, src)
			}
			o := opts
			o.Source = src
			res, err := Build(context.Background(), o)
			if err == nil {
				t.Fatalf("the build succeeded: %v", res.Diagnostics)
			}
			safeSameTree(t, "OUTDIR", previous, safeTree(t, out, nil))
		})
	}

	// The write itself fails at each of its steps.
	var steps []string
	outputHook = func(step string) error { steps = append(steps, step); return nil }
	defer func() { outputHook = nil }()
	safeWrite(t, src, map[string]string{"lib/util.js": "export function util() { return 7; }\n"})
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	previous = safeTree(t, out, nil)
	safeWrite(t, src, map[string]string{"lib/util.js": "export function util() { return 8; }\n"})
	if len(steps) != 6 {
		t.Fatalf("steps %v, want staged and 5 replacements (2 directories, 3 archives)", steps)
	}
	for _, failAt := range steps {
		t.Run("write fails after "+failAt, func(t *testing.T) {
			outputHook = func(step string) error {
				if step == failAt {
					return errors.New("injected failure")
				}
				return nil
			}
			if _, err := Build(context.Background(), opts); err == nil || err.Error() != "injected failure" {
				t.Fatalf("err = %v, want the injected failure", err)
			}
			safeSameTree(t, "OUTDIR", previous, safeTree(t, out, nil))
		})
	}
}

// TestSafeRecoverStaging puts OUTDIR in the state a build killed between
// its two renames leaves (OUTDIR/chrome moved into the staging directory,
// the new one not yet in place): the next build, even a failing one,
// puts the previous output back and removes the staging directory.
func TestSafeRecoverStaging(t *testing.T) {
	root := t.TempDir()
	src, out := filepath.Join(root, "src"), filepath.Join(root, "out")
	safeWrite(t, src, safeSource(nil))
	opts := Options{Source: src, OutDir: out, Targets: safeQueries(t, "chrome,firefox")}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	previous := safeTree(t, out, nil)
	staging := filepath.Join(out, stagingPrefix+"123456")
	if err := os.MkdirAll(filepath.Join(staging, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(out, "chrome"), filepath.Join(staging, "old", "chrome")); err != nil {
		t.Fatal(err)
	}
	safeWrite(t, staging, map[string]string{"new/chrome/manifest.json": "{}", "new/firefox/manifest.json": "{}"})
	safeWrite(t, src, map[string]string{"sw.js": "self.x = ;\n"})
	if _, err := Build(context.Background(), opts); !errors.Is(err, ErrFailed) {
		t.Fatalf("err = %v, want a failed build", err)
	}
	safeSameTree(t, "OUTDIR after recovery", previous, safeTree(t, out, nil))
}

// safeCLI builds the command into dir and returns its path.
func safeCLI(t *testing.T, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(dir, "webext-shim")
	cmd := exec.Command(goTool, "build", "-o", bin, "github.com/webext-shim/webext-shim/cmd/webext-shim")
	if outp, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, outp)
	}
	return bin
}

// safeLargeSource writes a source of many files, so that a build takes a
// while, whose generation gen shows in a file of every directory and in
// each entry.
func safeLargeSource(t *testing.T, src string, gen string, all bool) {
	t.Helper()
	files := map[string]string{
		"manifest.json": `{"manifest_version": 2, "name": "Interrupted", "version": "1.0", "description": "generation ` + gen + `",
  "background": {"scripts": ["bg.js"]}, "browser_action": {"default_popup": "popup.html"},
  "content_scripts": [{"matches": ["https://example.com/*"], "js": ["cs.js"]}],
  "browser_specific_settings": {"gecko": {"id": "interrupted@example.com"}}}`,
		"bg.js":      "var generation = \"" + gen + "\";\nfunction hello() { return generation; }\n",
		"popup.html": "<!doctype html>\n<script src=\"popup.js\"></script>\n",
		"popup.js":   "var g = \"" + gen + "\"; chrome.extension.getBackgroundPage();\n",
		"cs.js":      "var g = \"" + gen + "\";\n",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	block := make([]byte, 16<<10)
	for d := 0; d < 30; d++ {
		for f := 0; f < 30; f++ {
			rel := fmt.Sprintf("assets/d%02d/f%02d.bin", d, f)
			if f == 0 {
				files[rel] = "generation " + gen + "\n"
				continue
			}
			if !all {
				continue
			}
			for i := range block {
				block[i] = byte(rng.UintN(16)) // compressible, not trivially
			}
			files[rel] = string(block)
		}
	}
	safeWrite(t, src, files)
}

// safeOutputs describes OUTDIR per name: each OUTDIR/<browser> and each
// archive, "" when absent.
func safeOutputs(t *testing.T, out string, names []string) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, name := range names {
		p := filepath.Join(out, name)
		st, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			got[name] = ""
		case err != nil:
			t.Fatal(err)
		case st.IsDir():
			got[name] = safeDigest(safeTree(t, p, nil))
		default:
			sum, err := safeHash(p)
			if err != nil {
				t.Fatal(err)
			}
			got[name] = sum
		}
	}
	return got
}

// safeDigest hashes a safeTree result.
func safeDigest(tree map[string]string) string {
	keys := make([]string, 0, len(tree))
	for k := range tree {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	h := sha256.New()
	for _, k := range keys {
		fmt.Fprintf(h, "%s\x00%s\n", k, tree[k])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestSafeInterruptedBuild runs the real command on a source of 900
// files (14 MiB), alternately of two generations, and kills it with SIGKILL after
// delays spread over a build's duration. After each kill, each
// OUTDIR/<browser> and each archive is one generation's complete output
// (or, killed between the two renames that replace it, absent with the
// previous one intact in the staging directory, which the next build puts
// back); the last build then completes and leaves no staging directory.
func TestSafeInterruptedBuild(t *testing.T) {
	root := t.TempDir()
	bin := safeCLI(t, root)
	src, out := filepath.Join(root, "src"), filepath.Join(root, "out")
	names := []string{"chrome", "firefox", "interrupted-1.0-chrome.zip", "interrupted-1.0-firefox.zip", "interrupted-1.0-sources.zip"}
	run := func(outDir string) *exec.Cmd {
		return exec.Command(bin, "-t", "chrome,firefox", "-q", "--zip", "--sources-zip", "-o", outDir, src)
	}
	// The two generations' outputs, built to completion.
	want := map[string]map[string]string{}
	var took time.Duration
	for i, gen := range []string{"A", "B"} {
		safeLargeSource(t, src, gen, i == 0)
		ref := filepath.Join(root, "ref"+gen)
		start := time.Now()
		if outp, err := run(ref).CombinedOutput(); err != nil {
			t.Fatalf("building generation %s: %v\n%s", gen, err, outp)
		}
		took = time.Since(start)
		want[gen] = safeOutputs(t, ref, names)
	}
	safeLargeSource(t, src, "A", false)
	if outp, err := run(out).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, outp)
	}
	kills := 10
	if testing.Short() {
		kills = 4
	}
	t.Logf("a build takes %v; killing %d builds", took, kills)
	outcomes := map[string]int{}
	previous := maps.Clone(want["A"])
	for i := 0; i < kills; i++ {
		gen := "B"
		if i%2 == 1 {
			gen = "A"
		}
		safeLargeSource(t, src, gen, false)
		delay := time.Duration(float64(took) * (float64(i) + rand.Float64()) / float64(kills))
		cmd := run(out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got := safeOutputs(t, out, names)
		for _, name := range names {
			switch got[name] {
			case want[gen][name]:
				outcomes["new"]++
			case previous[name]:
				outcomes["previous"]++
			case "":
				// Killed between the two renames: the previous one must be
				// whole in a staging directory.
				moved, _ := filepath.Glob(filepath.Join(out, stagingPrefix+"*", "old", name))
				ok := false
				for _, m := range moved {
					o := safeOutputs(t, filepath.Dir(m), []string{name})[name]
					ok = ok || o == want["A"][name] || o == want["B"][name]
				}
				if !ok {
					t.Errorf("kill %d after %v: %s is missing and no staging directory holds it whole", i, delay, name)
				}
				outcomes["moved aside"]++
			default:
				t.Errorf("kill %d after %v: %s is neither the previous output nor the new one: a mix, or incomplete", i, delay, name)
			}
		}
		for name, v := range got {
			if v != "" {
				previous[name] = v
			}
		}
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			if !slices.Contains(names, e.Name()) && e.Name() != OutputMarker && !strings.HasPrefix(e.Name(), stagingPrefix) {
				t.Errorf("kill %d: OUTDIR holds %q", i, e.Name())
			}
			if strings.HasPrefix(e.Name(), stagingPrefix) {
				outcomes["staging directory left"]++
			}
		}
	}
	t.Logf("outcomes per output after the kills: %v", outcomes)
	safeLargeSource(t, src, "B", false)
	if outp, err := run(out).CombinedOutput(); err != nil {
		t.Fatalf("the build after the kills: %v\n%s", err, outp)
	}
	got := safeOutputs(t, out, names)
	for _, name := range names {
		if got[name] != want["B"][name] {
			t.Errorf("after the final build, %s is not generation B's", name)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(out, stagingPrefix+"*")); len(left) > 0 {
		t.Errorf("staging directories left after a complete build: %v", left)
	}
}

// TestSafeLargeFileStreams builds a source with a 256 MiB file (sparse)
// into a directory and an archive: files that are not parsed are copied as
// streams, so the build allocates far less than the file's size.
func TestSafeLargeFileStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 256 MiB")
	}
	src := filepath.Join(t.TempDir(), "src")
	safeWrite(t, src, map[string]string{"manifest.json": `{"manifest_version": 3, "name": "Big", "version": "1"}`})
	const size = 256 << 20
	f, err := os.Create(filepath.Join(src, "model.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out := t.TempDir()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, err := Build(context.Background(), Options{Source: src, OutDir: out, Targets: safeQueries(t, "chrome"), Zip: true})
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("building with a %d MiB file allocated %.1f MiB", size>>20, float64(allocated)/(1<<20))
	if allocated > size/4 {
		t.Errorf("the build allocated %d bytes for a %d-byte file: it is not streamed", allocated, size)
	}
	if st, err := os.Stat(filepath.Join(out, "chrome", "model.bin")); err != nil || st.Size() != size {
		t.Errorf("copied file: %v, %v", st, err)
	}
	zr, err := zip.OpenReader(res.Targets[0].Zip)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "model.bin" && f.UncompressedSize64 != size {
			t.Errorf("archived model.bin has %d bytes", f.UncompressedSize64)
		}
	}
}

// TestBuildConcurrentTargets checks that the targets of one build are
// built at the same time: each target's goroutine waits, in the test
// hook, until every target has reached it. Built one after another, the
// first would wait for ever (the test fails after a minute instead).
func TestBuildConcurrentTargets(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src")
	safeWrite(t, src, safeSource(nil))
	qs := safeQueries(t, "chrome,firefox,safari,edge")
	var arrived atomic.Int32
	all := make(chan struct{})
	var once sync.Once
	var timedOut atomic.Bool
	targetHook = func(string) {
		if arrived.Add(1) == int32(len(qs)) {
			once.Do(func() { close(all) })
		}
		select {
		case <-all:
		case <-time.After(time.Minute):
			timedOut.Store(true)
		}
	}
	defer func() { targetHook = nil }()
	if _, err := Build(context.Background(), Options{Source: src, OutDir: t.TempDir(), Targets: qs}); err != nil {
		t.Fatal(err)
	}
	if timedOut.Load() || arrived.Load() != int32(len(qs)) {
		t.Errorf("%d of %d targets were building at once", arrived.Load(), len(qs))
	}
}

// TestReproAcrossProcesses builds the same source, written in two copies
// in opposite orders with different file times and modes, with the real
// command under different time zones and umasks: the archives are byte for
// byte the same, and so are the output trees' paths and contents. (The
// output files' modes follow the umask, as cp's and git's do; the
// archives' are fixed.)
func TestReproAcrossProcesses(t *testing.T) {
	root := t.TempDir()
	bin := safeCLI(t, root)
	files := safeSource(map[string]string{
		"_locales/en/messages.json": `{"name": {"message": "Repro"}}`,
		"z/last.txt":                "z\n",
		"a/first.txt":               "a\n",
		"m/deep/er/file.txt":        "m\n",
	})
	files["manifest.json"] = strings.Replace(files["manifest.json"], `"name": "Safe"`, `"name": "__MSG_name__", "default_locale": "en"`, 1)
	keys := make([]string, 0, len(files))
	for k := range files {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	type variant struct {
		tz    string
		umask int
		order []string
		mtime time.Time
		mode  os.FileMode
	}
	reversed := slices.Clone(keys)
	slices.Reverse(reversed)
	variants := []variant{
		{tz: "UTC", umask: 0o022, order: keys, mtime: time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC), mode: 0o644},
		{tz: "Pacific/Chatham", umask: 0o077, order: reversed, mtime: time.Now(), mode: 0o600},
	}
	var archives []map[string][]byte
	var trees []map[string]string
	for i, v := range variants {
		src := filepath.Join(root, fmt.Sprintf("src%d", i))
		for _, rel := range v.order {
			p := filepath.Join(src, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(files[rel]), v.mode); err != nil {
				t.Fatal(err)
			}
			os.Chmod(p, v.mode)
			os.Chtimes(p, v.mtime, v.mtime)
		}
		out := filepath.Join(root, fmt.Sprintf("out%d", i))
		cmd := exec.Command(bin, "-t", "chrome,firefox", "--zip", "--sources-zip", "-o", out, src)
		cmd.Env = append(os.Environ(), "TZ="+v.tz, "SOURCE_DATE_EPOCH=")
		old := syscall.Umask(v.umask) // inherited by the child
		outp, err := cmd.CombinedOutput()
		syscall.Umask(old)
		if err != nil {
			t.Fatalf("variant %d: %v\n%s", i, err, outp)
		}
		arch := map[string][]byte{}
		zips, _ := filepath.Glob(filepath.Join(out, "*.zip"))
		for _, z := range zips {
			data, err := os.ReadFile(z)
			if err != nil {
				t.Fatal(err)
			}
			arch[filepath.Base(z)] = data
		}
		archives = append(archives, arch)
		tree := safeTree(t, out, func(rel string) bool { return strings.HasSuffix(rel, ".zip") })
		for k, v := range tree {
			// Paths and contents; modes follow the umask.
			switch f := strings.Fields(v); f[0] {
			case "dir":
				tree[k] = "dir"
			case "file":
				tree[k] = "file " + f[2]
			}
		}
		trees = append(trees, tree)
		if i == 1 {
			st, err := os.Stat(filepath.Join(out, "chrome", "manifest.json"))
			if err != nil || st.Mode().Perm() != 0o600 {
				t.Errorf("with umask 077 the output manifest has mode %v (%v), want 0600: is the umask applied?", st.Mode().Perm(), err)
			}
		}
	}
	if len(archives[0]) != 3 {
		t.Fatalf("archives %d, want 3", len(archives[0]))
	}
	for name, data := range archives[0] {
		if !bytes.Equal(data, archives[1][name]) {
			t.Errorf("%s differs between the variants", name)
		}
	}
	safeSameTree(t, "the output trees of the variants", trees[0], trees[1])
}
