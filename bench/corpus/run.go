package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/webext-shim/webext-shim/bundle"
	"github.com/webext-shim/webext-shim/internal/browsertest"
	"github.com/webext-shim/webext-shim/targets"
)

// Defaults of Options.
const (
	DefaultPageWait       = 1500 * time.Millisecond
	DefaultBackgroundWait = 1000 * time.Millisecond
	DefaultBatch          = 10
)

// ErrOptions is wrapped by Run's error when the options are at fault.
var ErrOptions = errors.New("invalid options")

// Options configure Run.
type Options struct {
	// Dirs are the directories to look for extensions in.
	Dirs []string
	// Targets are the browsers, "chrome" (loaded into Chromium) and
	// "firefox" (into Firefox ESR), each built for its default range.
	Targets []string
	// Lock is a file to flock(2) around each browser launch, as the
	// command flock(1) does, so that browsers of other programs that take
	// the same lock do not run at the same time; "" takes no lock.
	Lock string
	// Batch is the number of extensions measured by one browser launch,
	// one after another (DefaultBatch when 0). The lock is held per launch.
	Batch int
	// PageWait is how long each page stays open (DefaultPageWait when 0).
	PageWait time.Duration
	// BackgroundWait is how long the background runs before the pages
	// open (DefaultBackgroundWait when 0).
	BackgroundWait time.Duration
	// WorkDir receives the builds, one directory per extension; "" means
	// a temporary directory that Run removes.
	WorkDir string
	// Progress, when set, is called with one line per step done.
	Progress func(string)
}

// browserFor maps a target to the browser that loads it.
var browserFor = map[string]string{"chrome": browsertest.ChromiumBinary, "firefox": browsertest.FirefoxBinary}

// Run finds the extensions under opts.Dirs, builds each for each target
// with bundle.Build, loads each build and, where the browser can load it,
// the source into the real headless browser, and returns what happened.
// The error is non-nil when the measurement itself failed (bad options, no
// browser, a browser that does not start), not when an extension fails.
func Run(ctx context.Context, opts Options) (Report, error) {
	if err := opts.check(); err != nil {
		return Report{}, err
	}
	rep := Report{Targets: opts.Targets}
	exts, err := Find(opts.Dirs)
	if err != nil {
		rep.FindErrors = append(rep.FindErrors, err.Error())
	}
	if len(exts) == 0 {
		return rep, fmt.Errorf("no extensions under %q", opts.Dirs)
	}
	work := opts.WorkDir
	if work == "" {
		work, err = os.MkdirTemp("", "webext-shim-corpus-")
		if err != nil {
			return rep, err
		}
		defer os.RemoveAll(work)
	}
	results := make([]ExtensionResult, len(exts))
	for i, ext := range exts {
		results[i] = ExtensionResult{Extension: ext, Skipped: SkipReason(ext)}
	}
	for start := 0; start < len(results); start += opts.Batch {
		batch := results[start:min(start+opts.Batch, len(results))]
		for i := range batch {
			buildAll(ctx, &batch[i], filepath.Join(work, strconv.Itoa(start+i)), opts)
		}
		for ti, target := range opts.Targets {
			if err := loadBatch(ctx, batch, ti, target, opts); err != nil {
				rep.Extensions = results
				return rep, err
			}
		}
	}
	rep.Extensions = results
	Rematch(&rep)
	return rep, nil
}

// Rematch pairs the errors of every output of the report with its build's
// diagnostics again (MatchErrors) and computes the totals again: how a
// report of an earlier run reads with the matching of this one. The builds
// and loads are the report's own.
func Rematch(rep *Report) {
	for i := range rep.Extensions {
		for ti := range rep.Extensions[i].Targets {
			r := &rep.Extensions[i].Targets[ti]
			r.Matches = MatchErrors(r.Output, r.Diagnostics)
		}
	}
	rep.Totals = nil
	for i, t := range rep.Targets {
		rep.Totals = append(rep.Totals, total(t, i, rep.Extensions))
	}
}

// check fills in the defaults and checks the options.
func (o *Options) check() error {
	if len(o.Dirs) == 0 {
		return fmt.Errorf("no directories: %w", ErrOptions)
	}
	if len(o.Targets) == 0 {
		return fmt.Errorf("no targets: %w", ErrOptions)
	}
	seen := map[string]bool{}
	for _, t := range o.Targets {
		if browserFor[t] == "" {
			return fmt.Errorf("target %q: the runner loads \"chrome\" and \"firefox\" only: %w", t, ErrOptions)
		}
		if seen[t] {
			return fmt.Errorf("target %q given twice: %w", t, ErrOptions)
		}
		seen[t] = true
	}
	if o.Batch < 0 || o.PageWait < 0 || o.BackgroundWait < 0 {
		return fmt.Errorf("negative batch or wait: %w", ErrOptions)
	}
	if o.Batch == 0 {
		o.Batch = DefaultBatch
	}
	if o.PageWait == 0 {
		o.PageWait = DefaultPageWait
	}
	if o.BackgroundWait == 0 {
		o.BackgroundWait = DefaultBackgroundWait
	}
	if o.Progress == nil {
		o.Progress = func(string) {}
	}
	return nil
}

// buildAll builds the extension for each target, one build per target so
// that one target's failure does not keep the other's output from being
// written, into dir/<target>.
func buildAll(ctx context.Context, r *ExtensionResult, dir string, opts Options) {
	if r.Skipped != "" {
		return
	}
	for _, t := range opts.Targets {
		tr := TargetResult{Target: t}
		qs, err := targets.ParseQueries(t)
		if err != nil {
			tr.BuildError = err.Error()
			r.Targets = append(r.Targets, tr)
			continue
		}
		res, err := bundle.Build(ctx, bundle.Options{Source: r.Dir, OutDir: dir, Targets: qs})
		tr.Diagnostics = res.Diagnostics
		if err != nil {
			tr.BuildError = err.Error()
		} else if len(res.Targets) == 1 {
			tr.Built, tr.OutputDir = true, res.Targets[0].Dir
		}
		r.Targets = append(r.Targets, tr)
		opts.Progress(fmt.Sprintf("build %s %s: %s", t, r.Name, buildSummary(tr)))
	}
}

// buildSummary describes a build in a few words.
func buildSummary(tr TargetResult) string {
	errs, warns := 0, 0
	for _, d := range tr.Diagnostics {
		if d.Severity == bundle.Error {
			errs++
		} else {
			warns++
		}
	}
	if !tr.Built {
		return fmt.Sprintf("failed (%d errors, %d warnings)", errs, warns)
	}
	return fmt.Sprintf("built (%d warnings)", warns)
}

// sourceLoadable reports whether the browser of the target loads the
// extension's source as it is: Firefox loads Manifest V2 and V3, Chromium
// V3 only.
func sourceLoadable(target string, m Manifest) bool {
	return target == "firefox" || m.Version == 3
}

// loadJob is one directory to load.
type loadJob struct {
	r      *TargetResult
	name   string
	dir    string
	source bool
}

// loadBatch measures the batch's sources and outputs of the target in one
// browser launch (more when a Firefox install goes wrong), under the lock.
func loadBatch(ctx context.Context, batch []ExtensionResult, ti int, target string, opts Options) error {
	var jobs []loadJob
	for i := range batch {
		r := &batch[i]
		if r.Skipped != "" || ti >= len(r.Targets) {
			continue
		}
		tr := &r.Targets[ti]
		if sourceLoadable(target, r.Manifest) {
			abs, err := filepath.Abs(r.Dir)
			if err != nil {
				return err
			}
			jobs = append(jobs, loadJob{tr, r.Name, abs, true})
		}
		if tr.Built {
			abs, err := filepath.Abs(tr.OutputDir)
			if err != nil {
				return err
			}
			jobs = append(jobs, loadJob{tr, r.Name, abs, false})
		}
	}
	if len(jobs) == 0 {
		return nil
	}
	unlock, err := lockFile(opts.Lock)
	if err != nil {
		return err
	}
	defer unlock()
	if target == "chrome" {
		return loadChromiumJobs(ctx, jobs, opts)
	}
	return loadFirefoxJobs(ctx, jobs, opts)
}

// store puts a load's result where the job says.
func (j loadJob) store(l *Load, opts Options, target string) {
	what := "output"
	if j.source {
		j.r.Source = l
		what = "source"
	} else {
		j.r.Output = l
	}
	opts.Progress(fmt.Sprintf("load %s %s %s: %s", target, what, j.name, loadSummary(l)))
}

// loadSummary describes a load in a few words.
func loadSummary(l *Load) string {
	if !l.Loaded {
		return "not loaded: " + l.Error
	}
	return fmt.Sprintf("loaded, background %s, %d errors", l.Background, l.Errors())
}

// loadChromiumJobs loads the jobs one after another into one Chromium.
func loadChromiumJobs(ctx context.Context, jobs []loadJob, opts Options) error {
	c, err := browsertest.NewChromium()
	if err != nil {
		return fmt.Errorf("starting chromium: %w", err)
	}
	defer c.Close()
	for _, j := range jobs {
		if err := ctx.Err(); err != nil {
			return err
		}
		j.store(loadInChromium(ctx, c, j.dir, opts), opts, "chrome")
	}
	return nil
}

// loadFirefoxJobs loads the jobs one after another into one Firefox, and
// starts a new one after an add-on that did not install cleanly.
func loadFirefoxJobs(ctx context.Context, jobs []loadJob, opts Options) error {
	var f *browsertest.Firefox
	defer func() {
		if f != nil {
			f.Close()
		}
	}()
	for _, j := range jobs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if f == nil {
			var err error
			if f, err = browsertest.NewFirefox(); err != nil {
				return fmt.Errorf("starting firefox: %w", err)
			}
		}
		l, ok := loadInFirefox(ctx, f, j.dir, opts)
		j.store(l, opts, "firefox")
		if !ok {
			f.Close()
			f = nil
		}
	}
	return nil
}
