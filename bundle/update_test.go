package bundle

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/webext-shim/webext-shim/targets"
)

// incrementalSource is a small extension with a module background that
// imports a library module, a module popup whose library module may come
// to use getBackgroundPage, a classic content script and a copied
// stylesheet.
func incrementalSource(t *testing.T) string {
	t.Helper()
	return writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "x", "version": "1",
			"background": {"service_worker": "bg.js", "type": "module"},
			"action": {"default_popup": "popup.html"},
			"content_scripts": [{"matches": ["https://*/*"], "js": ["content.js"]}],
			"browser_specific_settings": {"gecko": {"id": "x@example.com"}}}`,
		"bg.js":       "import { word } from \"./lib/word.js\";\nglobalThis.word = word;\n",
		"lib/word.js": "export const word = \"first\";\n",
		"popup.html":  "<!doctype html><link rel=\"stylesheet\" href=\"style.css\"><script type=\"module\" src=\"popup.js\"></script>\n",
		"popup.js":    "import { show } from \"./lib/ui.js\";\nshow();\n",
		"lib/ui.js":   "export function show() { document.title = \"popup\"; }\n",
		"content.js":  "console.log(\"content\");\n",
		"style.css":   "body { color: red; }\n",
	})
}

// fileID is what tells whether a file was written again: its inode (a
// rewrite moves a new file into place) and its modification time.
type fileID struct {
	ino   uint64
	mtime time.Time
}

// outputIDs returns the fileID of every file under dir, by slash path.
func outputIDs(t *testing.T, dir string) map[string]fileID {
	t.Helper()
	ids := map[string]fileID{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		st, err := os.Lstat(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		ids[filepath.ToSlash(rel)] = fileID{ino: st.Sys().(*syscall.Stat_t).Ino, mtime: st.ModTime()}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// rewritten returns the paths of after whose file is new or was written
// again since before, sorted, and the paths gone.
func rewritten(before, after map[string]fileID) (changed, gone []string) {
	for p, id := range after {
		if old, ok := before[p]; !ok || old.ino != id.ino || !old.mtime.Equal(id.mtime) {
			changed = append(changed, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			gone = append(gone, p)
		}
	}
	slices.Sort(changed)
	slices.Sort(gone)
	return changed, gone
}

// treeBytes returns the contents of every file under dir, by slash path.
func treeBytes(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// watchStep edits the source, then runs the watcher's next build as Watch
// does after it saw the change.
func watchStep(t *testing.T, w *watcher, edit func()) Rebuild {
	t.Helper()
	edit()
	stamps, err := stampTree(w.opts.Source, w.opts.OutDir)
	if err != nil {
		t.Fatal(err)
	}
	changed := w.stamps.diff(stamps)
	if len(changed) == 0 {
		t.Fatal("the edit changed no stamp")
	}
	w.changed(stamps, changed)
	return w.build(context.Background())
}

// checkFresh fails unless the watcher's output equals, byte for byte, what
// a fresh Build of the same source writes.
func checkFresh(t *testing.T, w *watcher) {
	t.Helper()
	opts := w.opts
	opts.OutDir = t.TempDir()
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatalf("fresh build: %v", err)
	}
	for _, q := range opts.Targets {
		got := treeBytes(t, filepath.Join(w.opts.OutDir, q.Browser.Name))
		want := treeBytes(t, filepath.Join(opts.OutDir, q.Browser.Name))
		for p := range want {
			if got[p] != want[p] {
				t.Errorf("%s/%s: the rebuilt output differs from a fresh build's:\n%s\n--- fresh\n%s", q.Browser.Name, p, got[p], want[p])
			}
		}
		for p := range got {
			if _, ok := want[p]; !ok {
				t.Errorf("%s/%s: in the rebuilt output, not in a fresh build's", q.Browser.Name, p)
			}
		}
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWatchRewritesOnlyChangedOutputs checks the incremental rebuilds of
// Watch: each rewrites the output files whose bytes changed and no other
// (inode and modification time unchanged: the manifest stays when only a
// module changed), a failed rebuild keeps the last good output, a change
// of a library module's API uses is planned again, a removed source file
// leaves the output, and each output is what a fresh build writes.
func TestWatchRewritesOnlyChangedOutputs(t *testing.T) {
	src := incrementalSource(t)
	qs, err := targets.ParseQueries("chrome,firefox")
	if err != nil {
		t.Fatal(err)
	}
	w, err := newWatcher(Options{Source: src, OutDir: t.TempDir(), Targets: qs})
	if err != nil {
		t.Fatal(err)
	}
	defer w.cache.dispose()
	if rb := w.build(context.Background()); rb.Err != nil {
		t.Fatalf("first build: %v\n%v", rb.Err, rb.Result.Diagnostics)
	}
	chrome := filepath.Join(w.opts.OutDir, "chrome")
	word := filepath.Join(src, "lib", "word.js")
	steps := []struct {
		name string
		edit func()
		// fails is set for a rebuild that must fail.
		fails bool
		// changed and gone are the chrome output files written again and
		// removed.
		changed, gone []string
		// has is a string chrome/bg.js must hold after the step.
		has string
	}{
		{"a library module", func() { writeFile(t, word, "export const word = \"second\";\n") }, false, []string{"bg.js"}, nil, "second"},
		{"a syntax error", func() { writeFile(t, word, "export const word = ;\n") }, true, nil, nil, "second"},
		{"the error fixed", func() { writeFile(t, word, "export const word = \"third!\";\n") }, false, []string{"bg.js"}, nil, "third!"},
		{"the module saved unchanged", func() {
			writeFile(t, word, "export const word = \"third!\"; \n")
		}, false, nil, nil, "third!"},
		{"a copied file", func() { writeFile(t, filepath.Join(src, "style.css"), "body { color: blue; }\n") }, false, []string{"style.css"}, nil, "third!"},
		{"a page's module comes to use getBackgroundPage", func() {
			writeFile(t, filepath.Join(src, "lib", "ui.js"), "export function show() { chrome.runtime.getBackgroundPage((p) => { document.title = p.word; }); }\n")
		}, false, []string{"bg.js", "popup.js"}, nil, "third!"},
		{"a copied file removed", func() {
			if err := os.Remove(filepath.Join(src, "style.css")); err != nil {
				t.Fatal(err)
			}
		}, false, nil, []string{"style.css"}, "third!"},
	}
	for _, step := range steps {
		before := outputIDs(t, chrome)
		rb := watchStep(t, w, step.edit)
		if (rb.Err != nil) != step.fails {
			t.Fatalf("%s: rebuild error %v\n%v", step.name, rb.Err, rb.Result.Diagnostics)
		}
		changed, gone := rewritten(before, outputIDs(t, chrome))
		if !slices.Equal(changed, step.changed) || !slices.Equal(gone, step.gone) {
			t.Errorf("%s: chrome's output files written again %q, removed %q; want %q and %q", step.name, changed, gone, step.changed, step.gone)
		}
		if !step.fails {
			var written []string
			for _, tr := range rb.Result.Targets {
				if tr.Target.Browser.Name == "chrome" {
					written = tr.Written
				}
			}
			if want := append(slices.Clone(step.changed), step.gone...); !slices.Equal(written, slices.Sorted(slices.Values(want))) {
				t.Errorf("%s: TargetResult.Written is %q, want %q", step.name, written, want)
			}
		}
		data, err := os.ReadFile(filepath.Join(chrome, "bg.js"))
		if err != nil || !strings.Contains(string(data), step.has) {
			t.Fatalf("%s: chrome/bg.js lacks %q (%v):\n%s", step.name, step.has, err, data)
		}
		if !step.fails {
			checkFresh(t, w)
		}
	}
	if data, err := os.ReadFile(filepath.Join(chrome, "popup.js")); err != nil || !strings.Contains(string(data), "getBackgroundPage") {
		t.Errorf("the popup does not go through the getBackgroundPage shim after its module came to use it (%v):\n%s", err, data)
	}
}

// TestWatchRepairsTamperedOutput checks that a rebuild writes again an
// output file that someone else changed or removed since the previous
// build, though its bytes did not change in the build.
func TestWatchRepairsTamperedOutput(t *testing.T) {
	src := incrementalSource(t)
	qs, err := targets.ParseQueries("chrome")
	if err != nil {
		t.Fatal(err)
	}
	w, err := newWatcher(Options{Source: src, OutDir: t.TempDir(), Targets: qs})
	if err != nil {
		t.Fatal(err)
	}
	defer w.cache.dispose()
	if rb := w.build(context.Background()); rb.Err != nil {
		t.Fatal(rb.Err)
	}
	chrome := filepath.Join(w.opts.OutDir, "chrome")
	if err := os.Remove(filepath.Join(chrome, "style.css")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(chrome, "manifest.json"), "{}")
	rb := watchStep(t, w, func() { writeFile(t, filepath.Join(src, "content.js"), "console.log(\"content 2\");\n") })
	if rb.Err != nil {
		t.Fatal(rb.Err)
	}
	if got, want := rb.Result.Targets[0].Written, []string{"content.js", "manifest.json", "style.css"}; !slices.Equal(got, want) {
		t.Errorf("written %q, want %q", got, want)
	}
	checkFresh(t, w)
}

// TestWatchFailedUpdateKeepsOutput checks that a rebuild whose output
// update fails once the changed files are staged leaves every output file
// as it was, and that the next rebuild writes the change.
func TestWatchFailedUpdateKeepsOutput(t *testing.T) {
	src := incrementalSource(t)
	qs, err := targets.ParseQueries("chrome")
	if err != nil {
		t.Fatal(err)
	}
	w, err := newWatcher(Options{Source: src, OutDir: t.TempDir(), Targets: qs})
	if err != nil {
		t.Fatal(err)
	}
	defer w.cache.dispose()
	if rb := w.build(context.Background()); rb.Err != nil {
		t.Fatal(rb.Err)
	}
	chrome := filepath.Join(w.opts.OutDir, "chrome")
	before := treeBytes(t, chrome)
	boom := errors.New("disk full")
	outputUpdateHook = func() error { return boom }
	defer func() { outputUpdateHook = nil }()
	word := filepath.Join(src, "lib", "word.js")
	if rb := watchStep(t, w, func() { writeFile(t, word, "export const word = \"second\";\n") }); !errors.Is(rb.Err, boom) {
		t.Fatalf("rebuild error %v, want %v", rb.Err, boom)
	}
	after := treeBytes(t, chrome)
	if len(after) != len(before) {
		t.Errorf("the failed update changed the output's files: %d, then %d", len(before), len(after))
	}
	for p, data := range before {
		if after[p] != data {
			t.Errorf("the failed update changed %s", p)
		}
	}
	if entries, _ := os.ReadDir(w.opts.OutDir); slices.ContainsFunc(entries, func(e os.DirEntry) bool { return strings.HasPrefix(e.Name(), stagingPrefix) }) {
		t.Errorf("the failed update left a staging directory in %s", w.opts.OutDir)
	}
	outputUpdateHook = nil
	if rb := watchStep(t, w, func() { writeFile(t, filepath.Join(src, "content.js"), "console.log(\"content 2\");\n") }); rb.Err != nil {
		t.Fatal(rb.Err)
	}
	if data, _ := os.ReadFile(filepath.Join(chrome, "bg.js")); !bytes.Contains(data, []byte("second")) {
		t.Errorf("the next rebuild did not write the change:\n%s", data)
	}
	checkFresh(t, w)
}
