// Package synth generates the synthetic browser extension that webext-shim's
// benchmarks build: N library modules under lib/, imported by an ES module
// background, an ES module popup (which calls the background through
// browser.extension.getBackgroundPage()) and an ES module options page, plus
// a classic content script.
//
// The library is split in four parts. The shared part (SharedPercent of the
// modules, half by default) is imported by the background, the popup and the
// options page; the rest is split evenly into a background part, a popup part
// and an options part, each imported by its entry only. Within a part, module
// k imports module k-1 (so that the last module of a part reaches all of it)
// and up to two more earlier modules of its part; a module outside the shared
// part also imports one shared module. Each entry imports the last module of
// its part and of the shared part, and two more shared ones. So with the
// default split each ES module entry reaches two thirds of the library.
//
// Each module is about 1.4 kB of ordinary modern JavaScript: a frozen
// constant, a class with a private field and a getter, and a function that
// calls the functions it imports. Only the popup's and the background's code
// run in a browser, and only on a click, so the depth of the calls is bounded
// by the small arguments they pass.
//
// The content script is a classic script and imports nothing, because
// content scripts are not ES modules: webext-shim compiles them one by one
// without bundling, so the same goes for both builds the benchmark compares.
//
// Generation is deterministic: the same Options give the same bytes. The
// JavaScript, HTML and manifest are text/template templates in templates/.
package synth

import (
	"bytes"
	"embed"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"text/template"
)

// DefaultSharedPercent is the share of the library, in percent, that every
// ES module entry imports when Options.SharedPercent is 0.
const DefaultSharedPercent = 50

// MaxModules is the largest number of library modules Generate accepts (the
// module names have five digits).
const MaxModules = 99999

// Options configure Generate.
type Options struct {
	// Modules is N, the number of library modules (at least 4).
	Modules int
	// SharedPercent is the share of the library, 1 to 100 percent, that the
	// background, the popup and the options page all import; 0 means
	// DefaultSharedPercent.
	SharedPercent int
}

// Context is where an entry runs.
type Context string

// The contexts of the entries.
const (
	Background    Context = "background"
	Page          Context = "page"
	ContentScript Context = "content"
)

// Entry is a script the manifest (directly or through a page) makes the
// browser load.
type Entry struct {
	// Path is slash-separated, relative to the extension's root.
	Path string
	// Module is set for ES modules (bundled with their imports); a classic
	// script is compiled on its own.
	Module bool
	// Context is where it runs.
	Context Context
}

// Extension is a generated extension, in memory.
type Extension struct {
	// Files maps slash-separated paths, relative to the extension's root,
	// to their contents.
	Files map[string][]byte
	// Entries are the scripts the browser loads, in a fixed order:
	// background, popup, options, content script.
	Entries []Entry
	// Parts are the number of library modules in each part: "shared",
	// "background", "popup", "options".
	Parts map[string]int
}

// Paths returns the paths of the extension's files, sorted.
func (e *Extension) Paths() []string {
	paths := make([]string, 0, len(e.Files))
	for p := range e.Files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// Size returns the total size of the extension's files in bytes.
func (e *Extension) Size() int64 {
	var n int64
	for _, b := range e.Files {
		n += int64(len(b))
	}
	return n
}

// Write writes the extension's files under dir, creating it if needed.
func (e *Extension) Write(dir string) error {
	made := map[string]bool{}
	for _, p := range e.Paths() {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if d := filepath.Dir(full); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("writing the synthetic extension: %w", err)
			}
			made[d] = true
		}
		if err := os.WriteFile(full, e.Files[p], 0o644); err != nil {
			return fmt.Errorf("writing the synthetic extension: %w", err)
		}
	}
	return nil
}

//go:embed templates
var templateFiles embed.FS

var templates = template.Must(template.ParseFS(templateFiles, "templates/*"))

// part is one part of the library: its modules are numbered first..first+n-1.
type part struct {
	name  string
	first int
	n     int
}

func (p part) path(i int) string {
	return fmt.Sprintf("lib/%s/m%05d.js", p.name, i)
}

// ref is one import of a template: the imported module's number and the
// import's relative path.
type ref struct {
	ID  string
	Rel string
}

// moduleData is the data of templates/module.js.tmpl.
type moduleData struct {
	Path    string
	Index   int
	ID      string
	Group   string
	Weights [3]int
	Imports []ref
}

// entryData is the data of the entries' templates.
type entryData struct {
	Modules int
	Imports []ref
}

// Generate generates the extension described by opts.
func Generate(opts Options) (*Extension, error) {
	n := opts.Modules
	if n < 4 || n > MaxModules {
		return nil, fmt.Errorf("the number of modules is %d; want 4 to %d", n, MaxModules)
	}
	pct := opts.SharedPercent
	if pct == 0 {
		pct = DefaultSharedPercent
	}
	if pct < 1 || pct > 100 {
		return nil, fmt.Errorf("the shared percentage is %d; want 1 to 100", pct)
	}
	shared := max(1, n*pct/100)
	if pct < 100 {
		// Every other part keeps at least one module.
		shared = min(shared, n-3)
	}
	rest := n - shared
	parts := []part{{name: "shared", first: 0, n: shared}}
	first := shared
	for i, name := range []string{"background", "popup", "options"} {
		size := rest / 3
		if i < rest%3 {
			size++
		}
		parts = append(parts, part{name: name, first: first, n: size})
		first += size
	}

	ext := &Extension{Files: map[string][]byte{}, Parts: map[string]int{}}
	rng := newRand(uint64(n)<<8 | uint64(pct))
	for _, p := range parts {
		ext.Parts[p.name] = p.n
		for k := range p.n {
			i := p.first + k
			self := p.path(i)
			d := moduleData{Path: self, Index: i, ID: fmt.Sprintf("%05d", i), Group: p.name}
			for w := range d.Weights {
				d.Weights[w] = 1 + rng.intn(97)
			}
			var deps []int
			if k > 0 {
				deps = append(deps, i-1)
				for range 2 {
					if k > 1 {
						if j := p.first + rng.intn(k-1); !contains(deps, j) {
							deps = append(deps, j)
						}
					}
				}
			}
			if p.name != "shared" {
				deps = append(deps, rng.intn(parts[0].n))
			}
			for _, j := range deps {
				d.Imports = append(d.Imports, ref{ID: fmt.Sprintf("%05d", j), Rel: relImport(self, partOf(parts, j).path(j))})
			}
			if err := ext.render(self, "module.js.tmpl", d); err != nil {
				return nil, err
			}
		}
	}

	entries := []struct {
		path, tmpl, part string
		ctx              Context
	}{
		{"background.js", "background.js.tmpl", "background", Background},
		{"popup/popup.js", "popup.js.tmpl", "popup", Page},
		{"options/options.js", "options.js.tmpl", "options", Page},
	}
	for _, e := range entries {
		d := entryData{Modules: n}
		own := partNamed(parts, e.part)
		deps := []int{parts[0].first + parts[0].n - 1}
		if own.n > 0 {
			deps = append(deps, own.first+own.n-1)
		}
		for range 2 {
			if j := rng.intn(parts[0].n); !contains(deps, j) {
				deps = append(deps, j)
			}
		}
		for _, j := range deps {
			d.Imports = append(d.Imports, ref{ID: fmt.Sprintf("%05d", j), Rel: relImport(e.path, partOf(parts, j).path(j))})
		}
		if err := ext.render(e.path, e.tmpl, d); err != nil {
			return nil, err
		}
		ext.Entries = append(ext.Entries, Entry{Path: e.path, Module: true, Context: e.ctx})
	}
	ext.Entries = append(ext.Entries, Entry{Path: "content/content.js", Context: ContentScript})
	for p, tmpl := range map[string]string{
		"content/content.js":   "content.js",
		"popup/popup.html":     "popup.html",
		"options/options.html": "options.html",
	} {
		if err := ext.render(p, tmpl, nil); err != nil {
			return nil, err
		}
	}
	if err := ext.render("manifest.json", "manifest.json.tmpl", struct{ Modules, Shared int }{n, shared}); err != nil {
		return nil, err
	}
	return ext, nil
}

// render executes the template name with data into the file p.
func (e *Extension) render(p, name string, data any) error {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, data); err != nil {
		return fmt.Errorf("generating %q: %w", p, err)
	}
	e.Files[p] = b.Bytes()
	return nil
}

// relImport is the relative import specifier of the file to from the file
// from: "./m00001.js", "../shared/m00000.js".
func relImport(from, to string) string {
	rel := relPath(path.Dir(from), to)
	if !strings.HasPrefix(rel, "../") {
		rel = "./" + rel
	}
	return rel
}

// relPath is to relative to the directory dir, both slash-separated and
// relative to the same root.
func relPath(dir, to string) string {
	up := ""
	for d := dir; d != "."; d = path.Dir(d) {
		if rest, ok := strings.CutPrefix(to, d+"/"); ok {
			return up + rest
		}
		up += "../"
	}
	return up + to
}

func partOf(parts []part, i int) part {
	for _, p := range parts {
		if i >= p.first && i < p.first+p.n {
			return p
		}
	}
	panic(fmt.Sprintf("synth: module %d is in no part", i))
}

func partNamed(parts []part, name string) part {
	for _, p := range parts {
		if p.name == name {
			return p
		}
	}
	panic(fmt.Sprintf("synth: no part %q", name))
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// rand is a small deterministic generator (SplitMix64), so that the output
// never depends on a library's choice of algorithm.
type rand struct{ state uint64 }

func newRand(seed uint64) *rand { return &rand{state: seed} }

func (r *rand) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// intn returns a number in [0, n).
func (r *rand) intn(n int) int {
	return int(r.next() % uint64(n))
}
