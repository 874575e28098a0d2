package bundle

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/webext-shim/webext-shim/targets"
)

// checkOutDir refuses output directories whose replacement would touch the
// source: the source itself, or OUTDIR/<browser> holding the source.
func checkOutDir(srcDir, outDir string, qs []targets.Query) error {
	src, err := filepath.Abs(srcDir)
	if err != nil {
		return err
	}
	out, err := filepath.Abs(outDir)
	if err != nil {
		return err
	}
	if out == src {
		return fmt.Errorf("the output directory %q is the source directory; choose another, such as %q", outDir, filepath.Join(srcDir, DefaultOutDir))
	}
	if rel, err := filepath.Rel(src, out); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		// Inside the source: it must be an earlier output, or new or empty,
		// since it is left out of the source.
		if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 && !isOutputDir(out) {
			return fmt.Errorf("the output directory %q is part of the source and not an earlier webext-shim output; choose another with -o", outDir)
		}
	}
	for _, q := range qs {
		dir := filepath.Join(out, q.Browser.Name)
		if dir == src || strings.HasPrefix(src, dir+string(filepath.Separator)) {
			return fmt.Errorf("the output directory %q would replace %q, which holds the source", outDir, dir)
		}
	}
	return nil
}

// archives are the archives writeOutput wrote.
type archives struct {
	targets []string // per build, "" without Options.Zip
	sources string
}

// writeOutput writes every target (and the archives asked for) into a
// staging directory inside outDir, then replaces each OUTDIR/<browser> and
// archive by a rename. When writing fails, the previous output stays as
// it was.
func writeOutput(ctx context.Context, opts *Options, src *source, builds []*targetBuild) (arch archives, err error) {
	outDir := opts.OutDir
	mtime := opts.ZipTime
	if mtime.IsZero() {
		mtime = DefaultZipTime
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return arch, fmt.Errorf("creating the output directory: %w", err)
	}
	marker := filepath.Join(outDir, OutputMarker)
	if err := os.WriteFile(marker, []byte("This directory holds webext-shim's output; webext-shim does not ship it as part of a source.\n"), 0o644); err != nil {
		return arch, fmt.Errorf("creating the output directory: %w", err)
	}
	staging, err := os.MkdirTemp(outDir, ".webext-shim-")
	if err != nil {
		return arch, fmt.Errorf("creating the output directory: %w", err)
	}
	defer func() {
		if rerr := os.RemoveAll(staging); rerr != nil && err == nil {
			err = fmt.Errorf("removing the staging directory: %w", rerr)
		}
	}()
	// Staged name -> final name, in the order of the renames.
	var renames [][2]string
	for _, b := range builds {
		if err := b.writeTo(ctx, filepath.Join(staging, b.t.Browser.Name)); err != nil {
			return arch, err
		}
		renames = append(renames, [2]string{b.t.Browser.Name, b.t.Browser.Name})
		zipName := ""
		if opts.Zip {
			zipName = src.archiveBase(b.m) + "-" + b.t.Browser.Name + ".zip"
			if err := writeZip(filepath.Join(staging, zipName), b.zipEntries(), mtime); err != nil {
				return arch, err
			}
			renames = append(renames, [2]string{zipName, zipName})
			zipName = filepath.Join(outDir, zipName)
		}
		arch.targets = append(arch.targets, zipName)
	}
	if opts.SourcesZip {
		name := src.archiveBase(src.manifest) + "-sources.zip"
		if err := writeZip(filepath.Join(staging, name), src.sourceEntries(), mtime); err != nil {
			return arch, err
		}
		renames = append(renames, [2]string{name, name})
		arch.sources = filepath.Join(outDir, name)
	}
	for _, r := range renames {
		name := r[0]
		final := filepath.Join(outDir, r[1])
		old := filepath.Join(staging, "previous-"+name)
		hadOld := false
		if _, err := os.Lstat(final); err == nil {
			if err := os.Rename(final, old); err != nil {
				return arch, fmt.Errorf("replacing %q: %w", final, err)
			}
			hadOld = true
		}
		if err := os.Rename(filepath.Join(staging, name), final); err != nil {
			if hadOld {
				os.Rename(old, final)
			}
			return arch, fmt.Errorf("replacing %q: %w", final, err)
		}
	}
	return arch, nil
}

// writeTo writes the target's extension into dir.
func (b *targetBuild) writeTo(ctx context.Context, dir string) error {
	for _, rel := range b.src.files {
		if _, ok := b.out[rel]; ok {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := copyFile(filepath.Join(b.src.dir, filepath.FromSlash(rel)), filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
			return err
		}
	}
	for rel, data := range b.out {
		if err := ctx.Err(); err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("writing %q: %w", dst, err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return fmt.Errorf("writing %q: %w", dst, err)
		}
	}
	return nil
}

// copyFile copies the file src to dst (following a symbolic link the
// source reader accepted), creating dst's directory.
func copyFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("writing %q: %w", dst, err)
	}
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("reading %q: %w", src, err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("writing %q: %w", dst, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("writing %q: %w", dst, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("writing %q: %w", dst, err)
	}
	return nil
}
