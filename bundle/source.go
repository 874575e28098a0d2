package bundle

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/webext-shim/webext-shim/internal/jsonc"
	"github.com/webext-shim/webext-shim/internal/jsscan"
	"github.com/webext-shim/webext-shim/internal/textenc"
	"github.com/webext-shim/webext-shim/internal/textpos"
)

// ManifestFile is the manifest's name at the root of a source tree.
const ManifestFile = "manifest.json"

// source is the extension's source tree as read once for all targets.
type source struct {
	// dir is the source directory.
	dir string
	// outDir is the output directory (absolute), left out of the source.
	outDir string
	// files are the slash-separated paths, relative to dir, of the regular
	// files to ship, sorted; what web-ext skips is not among them.
	files []string
	// outside are the symbolic links of the tree that point outside dir
	// (source-relative path -> the link's text); they are not shipped.
	outside map[string]string
	// manifest is the parsed manifest.json.
	manifest *jsonc.Value

	mu    sync.Mutex
	cache map[string][]byte
	uses  map[string][]jsscan.APIUse
	// literals and globals are scans of the files, by path
	// (scriptLiterals, globalUses).
	literals map[string]scriptLits
	globals  map[string][]jsscan.GlobalUse

	namedOnce sync.Once
	named     map[string]bool // namedScripts

	metaURLOnce sync.Once
	metaURL     []string // metaURLFiles
}

// archiveExts are the extensions of the archives a source tree may hold
// (built packages); like web-ext, they are not shipped.
var archiveExts = []string{".zip", ".xpi", ".crx", ".tar", ".gz", ".tgz", ".7z", ".rar"}

// skipped reports whether the relative path rel (a file or directory) is
// left out of the built extension, as web-ext leaves it out: dotfiles and
// dot-directories, node_modules, archives, web-ext's own config and
// artifacts.
func skipped(rel string, isDir bool) bool {
	base := path.Base(rel)
	switch {
	case strings.HasPrefix(base, "."):
		return true
	case base == "node_modules" || base == "web-ext-artifacts":
		return true
	case !isDir && strings.HasPrefix(base, "web-ext-config.") && (strings.HasSuffix(base, ".js") || strings.HasSuffix(base, ".cjs") || strings.HasSuffix(base, ".mjs")):
		return true
	case !isDir && slices.Contains(archiveExts, strings.ToLower(path.Ext(base))):
		return true
	}
	return false
}

// MaxReadSize is the size limit of the files Build parses in memory:
// scripts, pages, manifest.json and messages.json. A larger one is an
// error (64 MiB is far beyond any script a browser loads in reasonable
// time); every other file is copied as a stream, whatever its size.
const MaxReadSize = 64 << 20

// parsedInMemory reports whether Build reads the source file rel into
// memory (and so limits it to MaxReadSize).
func parsedInMemory(rel string) bool {
	if rel == ManifestFile || strings.HasPrefix(rel, "_locales/") && path.Base(rel) == "messages.json" {
		return true
	}
	return isScript(rel) || isPage(rel)
}

// isScript reports whether rel is a JavaScript file by its name.
func isScript(rel string) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx":
		return true
	}
	return false
}

// isPage reports whether rel is an HTML page by its name.
func isPage(rel string) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".html", ".htm":
		return true
	}
	return false
}

// walkSource calls file for every file below dir that a build reads (p its
// path, rel the slash-separated path relative to dir), leaving out what
// web-ext skips, the output directory absOut and earlier outputs. A
// directory inside the tree that cannot be read is passed to dirErr and
// skipped; dir itself unreadable is the error.
func walkSource(dir, absOut string, dirErr func(rel string, err error), file func(p, rel string, d fs.DirEntry) error) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil && p == dir {
			return err
		}
		rel, rerr := filepath.Rel(dir, p)
		if rerr != nil {
			return rerr
		}
		rel = filepath.ToSlash(rel)
		if err != nil {
			dirErr(rel, err)
			return filepath.SkipDir
		}
		if p == dir {
			return nil
		}
		if d.IsDir() {
			if abs, _ := filepath.Abs(p); abs == absOut || skipped(rel, true) || isOutputDir(p) {
				return filepath.SkipDir
			}
			return nil
		}
		if skipped(rel, false) {
			return nil
		}
		return file(p, rel, d)
	})
}

// readSource lists the files of dir (skipping outDir, which may lie inside
// it) and parses its manifest. Problems with the tree and the manifest are
// diagnostics (the source is nil when there is no usable manifest); a
// source directory that cannot be read at all is an error. With prev, the
// source an earlier build read, the files not in changed (the paths added,
// removed or modified since) are not read again (source.inherit).
func readSource(dir, outDir string, prev *source, changed map[string]bool) (*source, Diagnostics, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the source: %w", err)
	}
	if !info.IsDir() {
		return nil, nil, fmt.Errorf("the source %q is not a directory", dir)
	}
	given := dir
	if dir, err = filepath.Abs(dir); err != nil {
		return nil, nil, err
	}
	absOut, err := filepath.Abs(outDir)
	if err != nil {
		return nil, nil, err
	}
	src := &source{dir: dir, outDir: absOut, outside: map[string]string{}, cache: map[string][]byte{}, uses: map[string][]jsscan.APIUse{},
		literals: map[string]scriptLits{}, globals: map[string][]jsscan.GlobalUse{}}
	var diags Diagnostics
	err = walkSource(dir, absOut, func(rel string, err error) {
		diags = append(diags, Diagnostic{File: rel, Severity: Error, Message: fmt.Sprintf("cannot read the directory: %v", pathErrorCause(err))})
	}, func(p, rel string, d fs.DirEntry) error {
		if d.Type()&fs.ModeSymlink != 0 {
			link, _ := os.Readlink(p)
			target, err := filepath.EvalSymlinks(p)
			if err != nil {
				diags = append(diags, Diagnostic{File: rel, Severity: Warning, Message: fmt.Sprintf("broken symbolic link to %q skipped", link)})
				return nil
			}
			if !inside(dir, target) {
				src.outside[rel] = link
				diags = append(diags, Diagnostic{File: rel, Severity: Error, Message: fmt.Sprintf("symbolic link to %q, outside the source directory: webext-shim ships only files inside it; copy what it points to into the source, or remove the link", link)})
				return nil
			}
			if st, err := os.Stat(target); err != nil || !st.Mode().IsRegular() {
				diags = append(diags, Diagnostic{File: rel, Severity: Warning, Message: fmt.Sprintf("symbolic link to %q skipped: it is not a file", link)})
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		if parsedInMemory(rel) {
			if st, err := os.Stat(p); err == nil && st.Size() > MaxReadSize {
				diags = append(diags, Diagnostic{File: rel, Severity: Error, Message: fmt.Sprintf("the file is %s; webext-shim parses scripts, pages and the manifest in memory and refuses those over %s", humanBytes(st.Size()), humanBytes(MaxReadSize))})
			}
		}
		src.files = append(src.files, rel)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("reading the source %q: %w", dir, pathErrorCause(err))
	}
	slices.Sort(src.files)
	if diags.HasErrors() {
		// Too large, or outside: nothing more is read.
		return nil, diags, nil
	}
	if prev != nil && prev.dir == src.dir {
		src.inherit(prev, changed)
	}
	diags = append(diags, src.checkEncodings()...)
	data, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, append(diags, Diagnostic{File: ManifestFile, Severity: Error, Message: fmt.Sprintf("no %s in %q: the source directory must hold the extension's manifest", ManifestFile, given)}), nil
	}
	if st, serr := os.Stat(filepath.Join(dir, ManifestFile)); serr == nil && st.IsDir() {
		return nil, append(diags, Diagnostic{File: ManifestFile, Severity: Error, Message: fmt.Sprintf("%q is a directory; the manifest must be a file", ManifestFile)}), nil
	}
	if err != nil {
		return nil, append(diags, Diagnostic{File: ManifestFile, Severity: Error, Message: fmt.Sprintf("cannot read the manifest: %v", pathErrorCause(err))}), nil
	}
	m, err := jsonc.Parse(data)
	if err != nil {
		var se *jsonc.SyntaxError
		if errors.As(err, &se) {
			return nil, append(diags, diagAt(ManifestFile, se.Pos, Error, "%s", se.Msg)), nil
		}
		return nil, nil, err
	}
	if m.Kind != jsonc.Object {
		return nil, append(diags, diagAt(ManifestFile, m.Pos, Error, "the manifest is %s; want an object", m.Kind)), nil
	}
	src.manifest = m
	return src, diags, nil
}

// checkEncodings reports the scripts that are not UTF-8: browsers read
// extension scripts as UTF-8 (Chrome refuses to load such a content
// script: "It isn't UTF-8 encoded"), and esbuild would turn each invalid
// byte into U+FFFD.
func (s *source) checkEncodings() Diagnostics {
	var diags Diagnostics
	for _, rel := range s.files {
		if !isScript(rel) {
			continue
		}
		data, err := s.read(rel)
		if err != nil {
			diags = append(diags, Diagnostic{File: rel, Severity: Error, Message: fmt.Sprintf("cannot read the script: %v", pathErrorCause(err))})
			continue
		}
		if textenc.UTF16Like(data) {
			diags = append(diags, Diagnostic{File: rel, Line: 1, Column: 1, Severity: Error, Message: "the script is UTF-16, and browsers read extension scripts as UTF-8; save it as UTF-8"})
			continue
		}
		if off := textenc.InvalidUTF8(data); off < len(data) {
			diags = append(diags, diagAt(rel, textpos.At(data, off), Error, "the script is not valid UTF-8 (byte 0x%02x), and browsers read extension scripts as UTF-8; save it as UTF-8", data[off]))
		}
	}
	return diags
}

// pathErrorCause strips the operation and path from an *fs.PathError,
// which the diagnostic says better: "permission denied".
func pathErrorCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// humanBytes formats a size in binary units: "64 MiB".
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

// whyMissing says why the source-relative path rel, which a reference
// names, is not one of the files to ship: "does not exist", "is a
// directory; name a file", ... (to follow "which" or a file name).
func (s *source) whyMissing(rel string) string {
	for p := rel; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		if link, ok := s.outside[p]; ok {
			if p == rel {
				return fmt.Sprintf("is a symbolic link to %q, outside the source directory", link)
			}
			return fmt.Sprintf("is inside %q, a symbolic link to %q, outside the source directory", p, link)
		}
	}
	abs := filepath.Join(s.dir, filepath.FromSlash(rel))
	if s.outDir != "" && (abs == s.outDir || strings.HasPrefix(abs, s.outDir+string(filepath.Separator))) {
		return "is in the output directory"
	}
	for p := rel; p != "." && p != ""; p = path.Dir(p) {
		if skipped(p, p != rel) {
			return "is left out of the build: like web-ext, webext-shim skips dotfiles, node_modules and archives"
		}
	}
	if st, err := os.Stat(abs); err == nil {
		switch {
		case st.IsDir():
			return "is a directory; name a file"
		case !st.Mode().IsRegular():
			return "is not a regular file"
		}
		for p := path.Dir(rel); p != "." && p != ""; p = path.Dir(p) {
			if isOutputDir(filepath.Join(s.dir, filepath.FromSlash(p))) {
				return fmt.Sprintf("is in %q, an earlier webext-shim output", p)
			}
		}
		return "is left out of the build"
	}
	for _, f := range s.files {
		if strings.EqualFold(f, rel) {
			return fmt.Sprintf("does not exist (file names are case-sensitive; did you mean %q?)", f)
		}
	}
	return "does not exist"
}

// inside reports whether path p lies inside directory dir (both resolved).
func inside(dir, p string) bool {
	d, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	d, _ = filepath.Abs(d)
	p, _ = filepath.Abs(p)
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../") && !filepath.IsAbs(rel)
}

// has reports whether rel is one of the files to ship.
func (s *source) has(rel string) bool {
	_, ok := slices.BinarySearch(s.files, rel)
	return ok
}

// read returns the contents of the source file rel, cached.
func (s *source) read(rel string) ([]byte, error) {
	s.mu.Lock()
	b, ok := s.cache[rel]
	s.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(rel)))
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.cache[rel] = b
	s.mu.Unlock()
	return b, nil
}

// resolveRef turns a reference from the manifest or from a page (relative
// to the directory base, or root-relative with a leading "/") into a
// source-relative path. ok is false for remote URLs, data URLs and
// references that leave the source tree.
func resolveRef(base, ref string) (rel string, ok bool) {
	ref = strings.TrimSpace(ref)
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		ref = ref[:i]
	}
	if ref == "" || strings.Contains(ref, "://") || strings.HasPrefix(ref, "//") || strings.Contains(ref, ":") {
		return "", false
	}
	var p string
	if strings.HasPrefix(ref, "/") {
		p = path.Clean(ref[1:])
	} else {
		p = path.Join(base, ref)
	}
	if p == "." || p == ".." || strings.HasPrefix(p, "../") || strings.HasPrefix(p, "/") {
		return "", false
	}
	return p, true
}

// decodeURLPath decodes %XX escapes of a URL path, leaving it as is when
// it is malformed.
func decodeURLPath(s string) string {
	if d, err := url.PathUnescape(s); err == nil {
		return d
	}
	return s
}

// isRemote reports whether a reference is a URL of another origin.
func isRemote(ref string) bool {
	return strings.Contains(ref, "://") || strings.HasPrefix(ref, "//")
}

// mentions reports whether some JavaScript or HTML file of the source
// contains word: a cheap, conservative test before precise ones.
func (s *source) mentions(word string) bool {
	for _, rel := range s.files {
		switch strings.ToLower(path.Ext(rel)) {
		case ".js", ".mjs", ".cjs", ".html", ".htm", ".jsx", ".ts", ".tsx":
			if b, err := s.read(rel); err == nil && bytes.Contains(b, []byte(word)) {
				return true
			}
		}
	}
	return false
}

// OutputMarker is the file Build writes into each output directory, so
// that a later build of the same source into another directory does not
// ship an earlier build's output.
const OutputMarker = ".webext-shim-output"

// isOutputDir reports whether dir holds an earlier build's output.
func isOutputDir(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, OutputMarker))
	return err == nil
}

// apiUses returns the extension-API uses of the source file rel, scanned
// once for every target.
func (s *source) apiUses(rel string) ([]jsscan.APIUse, error) {
	s.mu.Lock()
	u, ok := s.uses[rel]
	s.mu.Unlock()
	if ok {
		return u, nil
	}
	code, err := s.read(rel)
	if err != nil {
		return nil, err
	}
	u = jsscan.APIUses(code)
	s.mu.Lock()
	s.uses[rel] = u
	s.mu.Unlock()
	return u, nil
}

// scriptLits are the quoted script paths of a file (scanScriptLiterals).
type scriptLits struct {
	named, imports []string
}

// scriptLiterals returns scanScriptLiterals of the source file rel, scanned
// once.
func (s *source) scriptLiterals(rel string) (named, imports []string, err error) {
	s.mu.Lock()
	l, ok := s.literals[rel]
	s.mu.Unlock()
	if ok {
		return l.named, l.imports, nil
	}
	data, err := s.read(rel)
	if err != nil {
		return nil, nil, err
	}
	l.named, l.imports = scanScriptLiterals(data)
	s.mu.Lock()
	s.literals[rel] = l
	s.mu.Unlock()
	return l.named, l.imports, nil
}

// globalUses returns the uses of the globals the report checks
// (scannedGlobals) in the source file rel, scanned once.
func (s *source) globalUses(rel string) ([]jsscan.GlobalUse, error) {
	s.mu.Lock()
	g, ok := s.globals[rel]
	s.mu.Unlock()
	if ok {
		return g, nil
	}
	code, err := s.read(rel)
	if err != nil {
		return nil, err
	}
	g = jsscan.GlobalUses(code, scannedGlobals())
	s.mu.Lock()
	s.globals[rel] = g
	s.mu.Unlock()
	return g, nil
}
