package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/webext-shim/webext-shim/bundle"
)

// Extension is an extension found under one of the runner's directories.
type Extension struct {
	// Name is the extension directory's path relative to the root it was
	// found under, with slashes, such as "cookbook.sidepanel-open"; the
	// directory's base name when the root is the extension.
	Name string `json:"name"`
	// Dir is the extension directory.
	Dir string `json:"dir"`
	// Root is the directory given to the runner that holds it.
	Root string `json:"root"`
	// Manifest is what its manifest.json says.
	Manifest Manifest `json:"manifest"`
}

// Find returns the extensions under the directories: each directory whose
// manifest.json has a manifest_version, in the order of the roots and, under
// each, of their paths. It does not descend into node_modules, directories whose
// name starts with a dot, or a webext-shim output (a directory holding
// bundle.OutputMarker), and it reports a manifest.json it cannot read as
// an error (after the walk, with the extensions it found).
func Find(roots []string) ([]Extension, error) {
	var exts []Extension
	var errs []error
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() {
				return nil
			}
			if path != root && (d.Name() == "node_modules" || d.Name()[0] == '.') {
				return fs.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, bundle.OutputMarker)); err == nil {
				return fs.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, bundle.ManifestFile)); err != nil {
				return nil
			}
			m, err := ReadManifest(path)
			if err != nil {
				if !errors.Is(err, errNotExtension) {
					errs = append(errs, err)
				}
				return nil
			}
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			name := filepath.ToSlash(rel)
			if name == "." {
				if abs, err := filepath.Abs(root); err == nil {
					name = filepath.Base(abs)
				}
			}
			exts = append(exts, Extension{Name: name, Dir: path, Root: root, Manifest: m})
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("finding extensions under %q: %w", root, err))
		}
	}
	return exts, errors.Join(errs...)
}
