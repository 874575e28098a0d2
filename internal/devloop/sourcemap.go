package devloop

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-sourcemap/sourcemap"
)

// Position is a place in a file: the file slash-separated, relative to the
// extension's source directory (or as the browser named it when it is not
// the extension's), and a 1-based line and column (0 when unknown).
type Position struct {
	File   string
	Line   int
	Column int
}

// sourceMaps maps positions in the output of one build to the source,
// through the .map files the build wrote next to its scripts. It reads each
// map once per build.
type sourceMaps struct {
	mu     sync.Mutex
	outDir string
	maps   map[string]*sourcemap.Consumer // output path -> map, nil when none
}

// newSourceMaps reads the maps of the output in outDir on demand.
func newSourceMaps(outDir string) *sourceMaps {
	return &sourceMaps{outDir: outDir, maps: make(map[string]*sourcemap.Consumer)}
}

// outputPath returns the path inside the extension of a chrome-extension://
// or moz-extension:// URL whose host is host, or "" for another URL.
func outputPath(rawURL, host string) string {
	u, err := url.Parse(rawURL)
	if err != nil || host == "" || u.Host != host || (u.Scheme != "chrome-extension" && u.Scheme != "moz-extension") {
		return ""
	}
	return strings.TrimPrefix(path.Clean("/"+u.Path), "/")
}

// consumer returns the source map of the output file at the slash path p.
func (s *sourceMaps) consumer(p string) *sourcemap.Consumer {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.maps[p]; ok {
		return c
	}
	var c *sourcemap.Consumer
	if b, err := os.ReadFile(filepath.Join(s.outDir, filepath.FromSlash(p)+".map")); err == nil {
		c, _ = sourcemap.Parse(p+".map", b)
	}
	s.maps[p] = c
	return c
}

// source maps the 1-based line and column of the output file at the slash
// path p to the source. ok is false when the file has no map or the map no
// mapping there.
func (s *sourceMaps) source(p string, line, column int) (Position, bool) {
	c := s.consumer(p)
	if c == nil || line <= 0 {
		return Position{}, false
	}
	// The library counts generated lines from 1 and columns from 0, and
	// returns the source's line from 1 and column from 0.
	src, _, sline, scol, ok := c.Source(line, max(column-1, 0))
	if !ok || src == "" {
		return Position{}, false
	}
	// esbuild writes the sources relative to the map's directory, and the
	// output mirrors the source's layout.
	file := path.Clean(path.Join(path.Dir(p), src))
	if u, err := url.Parse(src); err == nil && u.Scheme != "" {
		file = src
	}
	return Position{File: file, Line: sline, Column: scol + 1}, true
}
