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
	"strings"
	"sync"
)

// ManifestFile is the manifest's name at the root of a source tree.
const ManifestFile = "manifest.json"

// source is the extension's source tree as read once for all targets.
type source struct {
	// dir is the source directory.
	dir string
	// files are the slash-separated paths, relative to dir, of the regular
	// files to ship, sorted; what web-ext skips is not among them.
	files []string
	// manifest is the parsed manifest.json.
	manifest *Value

	mu    sync.Mutex
	cache map[string][]byte
	uses  map[string][]APIUse
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

// readSource lists the files of dir (skipping outDir, which may lie inside
// it) and parses its manifest. Problems with the manifest are diagnostics;
// a source that cannot be read at all is an error.
func readSource(dir, outDir string) (*source, Diagnostics, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the source: %w", err)
	}
	if !info.IsDir() {
		return nil, nil, fmt.Errorf("the source %q is not a directory", dir)
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return nil, nil, err
	}
	absOut, err := filepath.Abs(outDir)
	if err != nil {
		return nil, nil, err
	}
	src := &source{dir: dir, cache: map[string][]byte{}, uses: map[string][]APIUse{}}
	var diags Diagnostics
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if abs, _ := filepath.Abs(p); abs == absOut || skipped(rel, true) || isOutputDir(p) {
				return filepath.SkipDir
			}
			return nil
		}
		if skipped(rel, false) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(p)
			if err != nil {
				diags = append(diags, Diagnostic{File: rel, Severity: Warning, Message: fmt.Sprintf("broken symbolic link skipped: %v", err)})
				return nil
			}
			if !inside(dir, target) {
				diags = append(diags, Diagnostic{File: rel, Severity: Error, Message: "symbolic link points outside the source directory"})
				return nil
			}
			if st, err := os.Stat(target); err != nil || !st.Mode().IsRegular() {
				diags = append(diags, Diagnostic{File: rel, Severity: Warning, Message: "symbolic link to something other than a file skipped"})
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		src.files = append(src.files, rel)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("reading the source: %w", err)
	}
	slices.Sort(src.files)
	data, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, append(diags, Diagnostic{File: ManifestFile, Severity: Error, Message: fmt.Sprintf("no %s in %q: the source directory must hold the extension's manifest", ManifestFile, dir)}), nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("reading the manifest: %w", err)
	}
	m, err := ParseJSONC(data)
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			return nil, append(diags, diagAt(ManifestFile, se.Pos, Error, "%s", se.Msg)), nil
		}
		return nil, nil, err
	}
	if m.Kind != Object {
		return nil, append(diags, diagAt(ManifestFile, m.Pos, Error, "the manifest is %s; want an object", m.Kind)), nil
	}
	src.manifest = m
	return src, diags, nil
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
func (s *source) apiUses(rel string) ([]APIUse, error) {
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
	u = ScanAPIUses(code)
	s.mu.Lock()
	s.uses[rel] = u
	s.mu.Unlock()
	return u, nil
}
