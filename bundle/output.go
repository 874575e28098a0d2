package bundle

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/webext-shim/webext-shim/targets"
)

// checkOutDir refuses output directories whose replacement would touch the
// source: the source itself, or OUTDIR/<browser> holding the source; and an
// output directory that is a file.
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
		return optionsError{fmt.Errorf("the output directory %q is the source directory; choose another, such as %q", outDir, filepath.Join(srcDir, DefaultOutDir))}
	}
	if st, err := os.Stat(out); err == nil && !st.IsDir() {
		return optionsError{fmt.Errorf("the output directory %q is a file; choose a directory", outDir)}
	}
	if rel, err := filepath.Rel(src, out); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		// Inside the source: it must be an earlier output, or new or empty,
		// since it is left out of the source.
		if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 && !isOutputDir(out) {
			return optionsError{fmt.Errorf("the output directory %q is part of the source and not an earlier webext-shim output; choose another with -o", outDir)}
		}
	}
	for _, q := range qs {
		dir := filepath.Join(out, q.Browser.Name)
		if dir == src || strings.HasPrefix(src, dir+string(filepath.Separator)) {
			return optionsError{fmt.Errorf("the output directory %q would replace %q, which holds the source", outDir, filepath.Join(outDir, q.Browser.Name))}
		}
	}
	return nil
}

// archives are the archives writeOutput wrote.
type archives struct {
	targets []string // per build, "" without Options.Zip
	sources string
}

// stagingPrefix starts the names of the staging directories that
// writeOutput makes inside OUTDIR. A staging directory holds new/NAME, the
// output being written, and old/NAME, the previous OUTDIR/NAME moved aside
// while NAME is replaced.
const stagingPrefix = ".webext-shim-staging-"

// outputHook, when a test sets it, is called at each step of writeOutput:
// "staged" once everything is written into the staging directory, then
// "replaced NAME" after each replacement. An error it returns fails the
// write at that step.
var outputHook func(step string) error

// writeOutput writes every target (and the archives asked for) into a
// staging directory inside outDir, then replaces each OUTDIR/<browser> and
// archive by renames: the previous one is moved into the staging directory,
// the new one into its place. When writing fails, the previous output is
// put back as it was. Into a directory that holds no earlier output, it
// writes only names that do not exist yet: it never replaces what it did
// not write.
func writeOutput(ctx context.Context, opts *Options, src *source, builds []*targetBuild) (arch archives, err error) {
	outDir := opts.OutDir
	mtime := opts.ZipTime
	if mtime.IsZero() {
		mtime = DefaultZipTime
	}
	// The names to replace, in order.
	var names []string
	zipNames := make([]string, len(builds))
	for i, b := range builds {
		names = append(names, b.t.Browser.Name)
		if opts.Zip {
			zipNames[i] = src.archiveBase(b.m) + "-" + b.t.Browser.Name + ".zip"
			names = append(names, zipNames[i])
		}
	}
	sourcesName := ""
	if opts.SourcesZip {
		sourcesName = src.archiveBase(src.manifest) + "-sources.zip"
		names = append(names, sourcesName)
	}
	if !isOutputDir(outDir) {
		for _, name := range names {
			if _, err := os.Lstat(filepath.Join(outDir, name)); err == nil {
				return arch, optionsError{fmt.Errorf("the output directory %q already holds %q, which webext-shim did not write; move it away or choose another output directory", outDir, name)}
			}
		}
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return arch, fmt.Errorf("cannot create the output directory %q: %w", outDir, pathErrorCause(err))
	}
	if err := writeMarker(outDir); err != nil {
		return arch, fmt.Errorf("cannot write to the output directory %q: %w", outDir, pathErrorCause(err))
	}
	staging, err := os.MkdirTemp(outDir, stagingPrefix)
	if err != nil {
		return arch, fmt.Errorf("cannot write to the output directory %q: %w", outDir, pathErrorCause(err))
	}
	// keep is set when a previous output could not be put back: it stays
	// in the staging directory, for recoverStaging.
	keep := false
	defer func() {
		if keep {
			return
		}
		if rerr := os.RemoveAll(staging); rerr != nil && err == nil {
			err = fmt.Errorf("removing the staging directory: %w", rerr)
		}
	}()
	newDir, oldDir := filepath.Join(staging, "new"), filepath.Join(staging, "old")
	for _, d := range []string{newDir, oldDir} {
		if err := os.Mkdir(d, 0o755); err != nil {
			return arch, fmt.Errorf("cannot write to the output directory %q: %w", outDir, pathErrorCause(err))
		}
	}
	for i, b := range builds {
		if err := b.writeTo(ctx, filepath.Join(newDir, b.t.Browser.Name)); err != nil {
			return arch, err
		}
		zipPath := ""
		if opts.Zip {
			if err := writeZip(filepath.Join(newDir, zipNames[i]), b.zipEntries(), mtime); err != nil {
				return arch, err
			}
			zipPath = filepath.Join(outDir, zipNames[i])
		}
		arch.targets = append(arch.targets, zipPath)
	}
	if opts.SourcesZip {
		if err := writeZip(filepath.Join(newDir, sourcesName), src.sourceEntries(), mtime); err != nil {
			return arch, err
		}
		arch.sources = filepath.Join(outDir, sourcesName)
	}
	if err := ctx.Err(); err != nil {
		return arch, err
	}
	if outputHook != nil {
		if err := outputHook("staged"); err != nil {
			return arch, err
		}
	}
	var done []string
	for _, name := range names {
		err := replace(outDir, newDir, oldDir, name, &keep)
		if err == nil {
			done = append(done, name)
			if outputHook != nil {
				err = outputHook("replaced " + name)
			}
		}
		if err != nil {
			// Put the previous output back, the last replaced first.
			for i := len(done) - 1; i >= 0; i-- {
				if !restore(outDir, newDir, oldDir, done[i]) {
					keep = true
				}
			}
			return arch, err
		}
	}
	return arch, nil
}

// replace moves outDir/name (if any) to oldDir and newDir/name in its
// place. It sets *keep when it failed and could not put the previous one
// back.
func replace(outDir, newDir, oldDir, name string, keep *bool) error {
	final, old := filepath.Join(outDir, name), filepath.Join(oldDir, name)
	hadOld := false
	if _, err := os.Lstat(final); err == nil {
		if err := os.Rename(final, old); err != nil {
			return fmt.Errorf("replacing %q: %w", final, pathErrorCause(err))
		}
		hadOld = true
	}
	if err := os.Rename(filepath.Join(newDir, name), final); err != nil {
		if hadOld && os.Rename(old, final) != nil {
			*keep = true
		}
		return fmt.Errorf("replacing %q: %w", final, pathErrorCause(err))
	}
	return nil
}

// restore undoes replace: the new outDir/name goes back to newDir (to be
// removed with the staging directory) and the previous one, if any, back
// into its place. It reports whether the previous one is back (or there
// was none); if not, it is still in oldDir, where recoverStaging finds it.
func restore(outDir, newDir, oldDir, name string) bool {
	final, old := filepath.Join(outDir, name), filepath.Join(oldDir, name)
	if _, err := os.Lstat(old); err != nil {
		// Nothing was there before: the new one goes.
		return os.Rename(final, filepath.Join(newDir, name)) == nil
	}
	if err := os.Rename(final, filepath.Join(newDir, name)); err != nil {
		return false
	}
	return os.Rename(old, final) == nil
}

// writeMarker marks outDir as webext-shim's output, unless it is already:
// an existing marker (which may be a link) is left alone.
func writeMarker(outDir string) error {
	f, err := os.OpenFile(filepath.Join(outDir, OutputMarker), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = f.WriteString("This directory holds webext-shim's output; webext-shim does not ship it as part of a source.\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// recoverStaging cleans up after builds that were killed while writing
// outDir: it removes their staging directories, first moving back each
// previous output (old/NAME) whose replacement never arrived (the build
// was killed between the two renames that replace NAME).
func recoverStaging(outDir string) error {
	entries, err := os.ReadDir(outDir)
	if err != nil {
		return fmt.Errorf("cannot read the output directory %q: %w", outDir, pathErrorCause(err))
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), stagingPrefix) {
			continue
		}
		dir := filepath.Join(outDir, e.Name())
		olds, _ := os.ReadDir(filepath.Join(dir, "old"))
		for _, o := range olds {
			final := filepath.Join(outDir, o.Name())
			if _, err := os.Lstat(final); errors.Is(err, fs.ErrNotExist) {
				if err := os.Rename(filepath.Join(dir, "old", o.Name()), final); err != nil {
					return fmt.Errorf("restoring %q from an interrupted build: %w", final, pathErrorCause(err))
				}
			}
		}
		if err := os.RemoveAll(dir); err != nil {
			return fmt.Errorf("removing %q, left by an interrupted build: %w", dir, pathErrorCause(err))
		}
	}
	return nil
}

// writeTo writes the target's extension into dir.
func (b *targetBuild) writeTo(ctx context.Context, dir string) error {
	for _, rel := range b.src.files {
		if _, ok := b.out[rel]; ok || b.skip[rel] {
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
