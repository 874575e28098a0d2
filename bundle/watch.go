package bundle

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// DefaultWatchInterval is how often Watch looks at the source tree.
const DefaultWatchInterval = 200 * time.Millisecond

// WatchOptions configure Watch.
type WatchOptions struct {
	// Interval is the time between two looks at the source tree; 0 means
	// DefaultWatchInterval.
	Interval time.Duration
}

// Rebuild is one build that Watch ran.
type Rebuild struct {
	// N counts the builds from 0, the first one.
	N int
	// Changed are the source files added, removed or modified since the
	// previous build (slash-separated, relative to the source, sorted);
	// empty for the first build.
	Changed []string
	// Result and Err are what Build returned.
	Result Result
	Err    error
	// Duration is how long the build took.
	Duration time.Duration
}

// Watch builds opts, then rebuilds every target whenever a file of the
// source tree is added, removed or modified (its size, modification time
// or mode changes), until ctx is cancelled; it calls report after each
// build, on the calling goroutine. A failed build leaves the previous
// output in place, as Build does, and watching goes on. The files looked
// at are those Build reads: what web-ext skips and the output directory
// are left out, so writing the output does not trigger a rebuild. Watch
// returns nil once ctx is cancelled, or the error that stops it from
// reading the source tree.
//
// The builds are incremental: they share one buildCache, disposed when
// Watch returns, which keeps esbuild's contexts, the source files that did
// not change, the plans while their inputs hold, and what each output
// directory holds. A rebuild reads and compiles what changed and rewrites
// only the output files whose bytes changed (TargetResult.Written lists
// them); the first build writes the whole output, as Build does.
func Watch(ctx context.Context, opts Options, wo WatchOptions, report func(Rebuild)) error {
	if wo.Interval <= 0 {
		wo.Interval = DefaultWatchInterval
	}
	w, err := newWatcher(opts)
	if err != nil {
		return err
	}
	defer w.cache.dispose()
	for {
		rb := w.build(ctx)
		if ctx.Err() != nil {
			return nil
		}
		report(rb)
		stamps, changed, err := waitForChange(ctx, w.opts, w.stamps, wo.Interval)
		if err != nil || ctx.Err() != nil {
			return err
		}
		w.changed(stamps, changed)
	}
}

// watcher runs the builds of Watch.
type watcher struct {
	opts  Options
	cache *buildCache
	// stamps are the source's stamps taken before the next build reads it,
	// and changed the paths that changed since the previous build.
	stamps  treeStamps
	changes []string
	n       int
}

// newWatcher stamps the source tree for a first build of opts.
func newWatcher(opts Options) (*watcher, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.OutDir == "" {
		opts.OutDir = filepath.Join(opts.Source, DefaultOutDir)
	}
	stamps, err := stampTree(opts.Source, opts.OutDir)
	if err != nil {
		return nil, err
	}
	return &watcher{opts: opts, cache: newBuildCache(), stamps: stamps}, nil
}

// changed records the source's new stamps and the paths that changed, for
// the next build.
func (w *watcher) changed(stamps treeStamps, changed []string) {
	w.stamps, w.changes = stamps, changed
	w.cache.setChanged(changed, stamps)
}

// build runs one build with the watcher's cache.
func (w *watcher) build(ctx context.Context) Rebuild {
	if w.n == 0 {
		w.cache.setStamps(w.stamps)
	}
	start := time.Now()
	res, err := Build(withBuildCache(ctx, w.cache), w.opts)
	w.cache.sweep()
	rb := Rebuild{N: w.n, Changed: w.changes, Result: res, Err: err, Duration: time.Since(start)}
	w.n++
	return rb
}

// waitForChange polls the source tree every interval until it differs
// from prev, then waits until it holds still for one more interval (an
// editor saving several files, a git checkout) and returns the new stamps
// with the paths that changed.
func waitForChange(ctx context.Context, opts Options, prev treeStamps, interval time.Duration) (treeStamps, []string, error) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	var changed treeStamps
	for {
		select {
		case <-ctx.Done():
			return nil, nil, nil
		case <-tick.C:
		}
		cur, err := stampTree(opts.Source, opts.OutDir)
		if err != nil {
			return nil, nil, err
		}
		if changed != nil && cur.equal(changed) {
			return cur, prev.diff(cur), nil
		}
		if changed != nil || !cur.equal(prev) {
			changed = cur
		}
	}
}

// fileStamp is what Watch compares of a file.
type fileStamp struct {
	size  int64
	mtime time.Time
	mode  fs.FileMode
}

// treeStamps maps the source tree's files (slash paths) to their stamps.
type treeStamps map[string]fileStamp

// stampTree stamps the files of dir that Build reads (walkSource; symbolic
// links followed to their target's stamp). Unreadable directories are left
// out: the build reports them.
func stampTree(dir, outDir string) (treeStamps, error) {
	absOut, err := filepath.Abs(outDir)
	if err != nil {
		return nil, err
	}
	stamps := treeStamps{}
	err = walkSource(dir, absOut, func(string, error) {}, func(p, rel string, _ fs.DirEntry) error {
		st, err := os.Stat(p) // follows symbolic links
		if err == nil && st.Mode().IsRegular() {
			stamps[rel] = fileStamp{size: st.Size(), mtime: st.ModTime(), mode: st.Mode()}
		}
		return nil // a file removed while walking: the next look sees it
	})
	return stamps, err
}

// same reports whether two stamps are of the same file contents, as far as
// stamps tell.
func (s fileStamp) same(t fileStamp) bool {
	return s.mtime.Equal(t.mtime) && s.size == t.size && s.mode == t.mode
}

func (a treeStamps) equal(b treeStamps) bool {
	if len(a) != len(b) {
		return false
	}
	for p, s := range a {
		if t, ok := b[p]; !ok || !s.same(t) {
			return false
		}
	}
	return true
}

// diff returns the sorted paths added, removed or modified from a to b.
func (a treeStamps) diff(b treeStamps) []string {
	var out []string
	for p, s := range a {
		if t, ok := b[p]; !ok || !s.same(t) {
			out = append(out, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}
