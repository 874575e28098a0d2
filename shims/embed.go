package shims

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"path"

	"github.com/webext-shim/webext-shim/targets"
)

// jsFiles holds the shims' JavaScript sources.
//
//go:embed js
var jsFiles embed.FS

// source returns the JavaScript source of the embedded module name
// (relative to js/, such as "bgpage/client.js").
func source(name string) ([]byte, error) {
	b, err := fs.ReadFile(jsFiles, path.Join("js", name))
	if err != nil {
		return nil, fmt.Errorf("shim source %q: %w", name, err)
	}
	return b, nil
}

// Reader returns a function that reads a module of the shims all: from the
// shim that owns it (see Shim.Owns), else from webext-shim's embedded
// modules (a module a shim imports from another, such as the browser
// namespace's).
func Reader(all []Shim) func(module string) ([]byte, error) {
	return func(module string) ([]byte, error) {
		for _, s := range all {
			if s.Files != nil && s.Owns(module) {
				return s.Source(module)
			}
		}
		return source(module)
	}
}

// DefinesFor returns the esbuild defines the JavaScript of the shims all
// reads (Shim.Defines) for a build for the targets ts of code with the API
// uses uses.
func DefinesFor(all []Shim, ts []targets.Target, uses []string) (map[string]string, error) {
	out := map[string]string{}
	for _, s := range all {
		if s.Defines == nil {
			continue
		}
		d, err := s.Defines(ts, uses)
		if err != nil {
			return nil, fmt.Errorf("shim %q: %w", s.Name, err)
		}
		maps.Copy(out, d)
	}
	return out, nil
}
