package bundle

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// writtenDir is what OUTDIR/<browser> holds after a build of Watch wrote
// it: updateOutput rewrites only the files whose bytes changed since.
type writtenDir struct {
	dir   string                 // OUTDIR/<browser>
	files map[string]writtenFile // by slash-separated path
}

// writtenFile is one file of a writtenDir.
type writtenFile struct {
	// data are a generated file's bytes; nil for a copied file.
	data      []byte
	generated bool
	// from is the stamp of the source file a copied file was made from.
	from fileStamp
	// stamp is the output file's stamp after it was written: a file
	// changed or removed by someone else since is written again.
	stamp fileStamp
}

// outputUpdateHook, when a test sets it, is called by updateOutput once
// the changed files are staged, before any of them replaces its old self.
// An error it returns fails the update there.
var outputUpdateHook func() error

// statStamp returns the stamp of the file p (not following a symbolic
// link), and false when there is none.
func statStamp(p string) (fileStamp, bool) {
	st, err := os.Lstat(p)
	if err != nil || !st.Mode().IsRegular() {
		return fileStamp{}, false
	}
	return fileStamp{size: st.Size(), mtime: st.ModTime(), mode: st.Mode()}, true
}

// sourceStamp returns the stamp of the source file rel: from stamps, the
// stamps Watch took before the build read the source, else from the file
// (following a symbolic link, as the copy does).
func sourceStamp(src *source, stamps treeStamps, rel string) fileStamp {
	if s, ok := stamps[rel]; ok {
		return s
	}
	st, err := os.Stat(filepath.Join(src.dir, filepath.FromSlash(rel)))
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{size: st.Size(), mtime: st.ModTime(), mode: st.Mode()}
}

// copied returns the source files the target's output holds unchanged.
func (b *targetBuild) copied() []string {
	var out []string
	for _, rel := range b.src.files {
		if _, ok := b.out[rel]; !ok && !b.skip[rel] {
			out = append(out, rel)
		}
	}
	return out
}

// recordOutput records what writeOutput wrote into each OUTDIR/<browser>,
// for the next build's updateOutput. Without Watch's cache, and with
// archives (which updateOutput does not write), it records nothing.
func (bc *buildCache) recordOutput(opts *Options, builds []*targetBuild) {
	if bc == nil {
		return
	}
	stamps := bc.sourceStamps()
	outputs := map[string]*writtenDir{}
	if !opts.Zip && !opts.SourcesZip {
		for _, b := range builds {
			w := &writtenDir{dir: filepath.Join(opts.OutDir, b.t.Browser.Name), files: map[string]writtenFile{}}
			for rel, data := range b.out {
				stamp, _ := statStamp(filepath.Join(w.dir, filepath.FromSlash(rel)))
				w.files[rel] = writtenFile{data: data, generated: true, stamp: stamp}
			}
			for _, rel := range b.copied() {
				stamp, _ := statStamp(filepath.Join(w.dir, filepath.FromSlash(rel)))
				w.files[rel] = writtenFile{from: sourceStamp(b.src, stamps, rel), stamp: stamp}
			}
			outputs[b.t.Browser.Name] = w
		}
	}
	bc.mu.Lock()
	defer bc.mu.Unlock()
	bc.watch.outputs = outputs
}

// forgetOutput drops the records of recordOutput: the next build writes
// the whole output again.
func (bc *buildCache) forgetOutput() {
	if bc == nil {
		return
	}
	bc.mu.Lock()
	defer bc.mu.Unlock()
	bc.watch.outputs = nil
}

// outputChange is what updateOutput does to one output directory.
type outputChange struct {
	b       *targetBuild
	w       *writtenDir
	write   []string // the files to write, staged under stage
	remove  []string // the files to remove
	stage   string   // the staging directory of this target
	written []string // write and remove, sorted: what changed
}

// updateOutput brings each OUTDIR/<browser> that an earlier build of Watch
// wrote (recordOutput) up to date with the builds: it writes the generated
// files whose bytes changed and copies the source files that changed, each
// into a staging directory inside OUTDIR first, then moves them into place
// and removes the files the output no longer has. Every other file is left
// as it is, with its inode and modification time. When staging fails, no
// output file has changed. It returns, per build, the paths it wrote or
// removed; ok is false when it cannot update (no records for some target,
// or archives asked for): then writeOutput writes everything.
func (bc *buildCache) updateOutput(ctx context.Context, opts *Options, builds []*targetBuild) (written [][]string, ok bool, err error) {
	if bc == nil || opts.Zip || opts.SourcesZip || !isOutputDir(opts.OutDir) {
		return nil, false, nil
	}
	bc.mu.Lock()
	outputs := bc.watch.outputs
	stamps := bc.watch.stamps
	bc.mu.Unlock()
	changes := make([]*outputChange, len(builds))
	for i, b := range builds {
		w := outputs[b.t.Browser.Name]
		if w == nil || w.dir != filepath.Join(opts.OutDir, b.t.Browser.Name) {
			return nil, false, nil
		}
		changes[i] = &outputChange{b: b, w: w}
	}
	staging, err := os.MkdirTemp(opts.OutDir, stagingPrefix)
	if err != nil {
		return nil, true, fmt.Errorf("cannot write to the output directory %q: %w", opts.OutDir, pathErrorCause(err))
	}
	defer os.RemoveAll(staging)
	for _, c := range changes {
		c.stage = filepath.Join(staging, "new", c.b.t.Browser.Name)
		if err := c.stageChanges(ctx, stamps); err != nil {
			return nil, true, err
		}
	}
	if outputUpdateHook != nil {
		if err := outputUpdateHook(); err != nil {
			return nil, true, err
		}
	}
	written = make([][]string, len(builds))
	for i, c := range changes {
		if err := c.apply(); err != nil {
			// Some files moved, others not: the next build writes the
			// whole output again, which replaces each directory at once.
			bc.forgetOutput()
			return nil, false, nil
		}
		written[i] = c.written
	}
	next := map[string]*writtenDir{}
	for _, c := range changes {
		next[c.b.t.Browser.Name] = c.w
	}
	bc.mu.Lock()
	bc.watch.outputs = next
	bc.mu.Unlock()
	return written, true, nil
}

// stageChanges decides what the target's directory needs and writes the
// new and changed files under c.stage.
func (c *outputChange) stageChanges(ctx context.Context, stamps treeStamps) error {
	want := map[string]bool{}
	for rel, data := range c.b.out {
		want[rel] = true
		old, had := c.w.files[rel]
		if had && old.generated && bytes.Equal(old.data, data) && c.unchangedOnDisk(rel, old) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		dst := filepath.Join(c.stage, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("writing %q: %w", dst, err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return fmt.Errorf("writing %q: %w", dst, err)
		}
		c.write = append(c.write, rel)
	}
	from := map[string]fileStamp{}
	for _, rel := range c.b.copied() {
		want[rel] = true
		st := sourceStamp(c.b.src, stamps, rel)
		from[rel] = st
		old, had := c.w.files[rel]
		if had && !old.generated && old.from.same(st) && c.unchangedOnDisk(rel, old) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := copyFile(filepath.Join(c.b.src.dir, filepath.FromSlash(rel)), filepath.Join(c.stage, filepath.FromSlash(rel))); err != nil {
			return err
		}
		c.write = append(c.write, rel)
	}
	for rel := range c.w.files {
		if !want[rel] {
			c.remove = append(c.remove, rel)
		}
	}
	// Files first, deepest first, so that a directory emptied by the
	// removals can go, and a file may take its name.
	slices.SortFunc(c.remove, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	c.written = append(slices.Clone(c.write), c.remove...)
	slices.Sort(c.written)
	// The records as they will be once apply is done (stamps of the
	// written files come then).
	c.w = &writtenDir{dir: c.w.dir, files: c.nextRecords(from)}
	return nil
}

// nextRecords returns the records of the target's directory after the
// update, with the previous stamps (apply sets those of written files).
func (c *outputChange) nextRecords(from map[string]fileStamp) map[string]writtenFile {
	files := make(map[string]writtenFile, len(c.b.out)+len(from))
	for rel, data := range c.b.out {
		files[rel] = writtenFile{data: data, generated: true, stamp: c.w.files[rel].stamp}
	}
	for rel, st := range from {
		files[rel] = writtenFile{from: st, stamp: c.w.files[rel].stamp}
	}
	return files
}

// unchangedOnDisk reports whether the output file rel is still the one
// recorded.
func (c *outputChange) unchangedOnDisk(rel string, old writtenFile) bool {
	st, ok := statStamp(filepath.Join(c.w.dir, filepath.FromSlash(rel)))
	return ok && st.same(old.stamp)
}

// apply removes the files the output no longer has, moves the staged
// files into place and records their stamps.
func (c *outputChange) apply() error {
	for _, rel := range c.remove {
		p := filepath.Join(c.w.dir, filepath.FromSlash(rel))
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return err
		}
		// Directories the removal emptied go too (os.Remove refuses the
		// others).
		for d := filepath.Dir(p); d != c.w.dir && strings.HasPrefix(d, c.w.dir); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
	for _, rel := range c.write {
		dst := filepath.Join(c.w.dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(c.stage, filepath.FromSlash(rel)), dst); err != nil {
			return err
		}
		f := c.w.files[rel]
		f.stamp, _ = statStamp(dst)
		c.w.files[rel] = f
	}
	return nil
}
