package bundle

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/webext-shim/webext-shim/internal/jsscan"
	"github.com/webext-shim/webext-shim/shims"
	"github.com/webext-shim/webext-shim/targets"
)

var (
	knownOnce sync.Once
	known     map[string]bool
)

// knownFeatures is the set of feature paths the tables have.
func knownFeatures() map[string]bool {
	knownOnce.Do(func() {
		known = map[string]bool{}
		fs, _ := targets.Features()
		for _, f := range fs {
			known[f] = true
		}
	})
	return known
}

// compatf reports a compatibility problem: a warning, an error with
// Options.Strict.
func (b *targetBuild) compatf(file string, p Pos, format string, args ...any) {
	if b.opts.Strict {
		b.errorf(file, p, format, args...)
	} else {
		b.warnf(file, p, format, args...)
	}
}

// report looks up every extension API the code uses on the target: an API
// the target lacks (in some version of the range, in the output's manifest
// version, or in its service-worker background) that no shim covers is a
// compat problem at the place of the use.
func (b *targetBuild) report() {
	seen := map[string]bool{}
	webChecked := map[string]bool{}
	for _, rel := range b.l.order {
		e := b.l.entries[rel]
		inputs := b.compiled[rel].inputs
		if !e.module || len(inputs) == 0 {
			inputs = []string{rel}
		}
		slices.Sort(inputs)
		for _, in := range inputs {
			key := in
			if e.in(shims.Background) {
				key += "\x00bg"
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			uses, err := b.src.apiUses(in)
			if err != nil {
				continue
			}
			b.reportFile(in, uses, e)
			if !webChecked[in] {
				webChecked[in] = true
				b.reportWebAPIGaps(in)
			}
			b.reportHandles(in, rel, e)
			if e.in(shims.Background) && b.bgKind == shims.BackgroundServiceWorker {
				b.reportWorkerGaps(in)
			}
		}
	}
}

// reportFile reports the API uses of one file of the entry e. A use a
// shim's call check reported is not reported again.
func (b *targetBuild) reportFile(file string, uses []jsscan.APIUse, e *entry) {
	background := e.in(shims.Background)
	reported := b.reportCalls(file, uses, e.contexts)
	b.reportAddonIDUses(file, uses)
	namespaceReported := false
	for _, u := range uses {
		if reported[u.Offset] {
			continue
		}
		pos := Pos{Offset: u.Offset, Line: u.Line, Column: u.Column}
		f := longestFeature(u.Path)
		if f != "" && b.shimCovers(f) {
			// Replaced by a shim: neither the API nor the namespace is used.
			continue
		}
		// The namespace itself is a feature, which a needed shim may define.
		if u.Namespace == "browser" && u.Path != "" && !namespaceReported && !b.covered(targets.FeatureBrowserNamespace) {
			namespaceReported = true
			if s, err := targets.Lookup(targets.FeatureBrowserNamespace, b.t); err == nil && len(s.Missing) > 0 {
				b.compatf(file, pos, "the browser namespace is not available on %s %s; no shim covers it", b.t.Browser.Name, versionSpan(s.Missing))
			}
		}
		if f == "" {
			continue
		}
		s, err := targets.Lookup(f, b.t)
		if err != nil || s.Unknown {
			continue
		}
		if msg := b.problem(s, background); msg != "" {
			b.compatf(file, pos, "%s %s; no shim covers it", f, msg)
		}
	}
}

// shimCovers reports whether a shim the target needs makes the feature work
// there: it provides it, or renames it to a member the target has
// (shims.Shim.Covers).
func (b *targetBuild) shimCovers(feature string) bool {
	return slices.ContainsFunc(b.needs, func(n shims.Need) bool { return n.Shim.Covers(feature, b.t) })
}

// covered reports whether a shim the target needs provides the feature.
func (b *targetBuild) covered(feature string) bool {
	return slices.ContainsFunc(b.needs, func(n shims.Need) bool { return slices.Contains(n.Shim.Features, feature) })
}

// problem says what is wrong with a feature on the target, "" if nothing.
func (b *targetBuild) problem(s targets.Support, background bool) string {
	name := b.t.Browser.Name
	switch {
	case s.Since == "" || len(s.Missing) == len(b.t.Versions):
		return fmt.Sprintf("is not available on %s", name)
	case s.ManifestVersion != 0 && s.ManifestVersion != b.outMV:
		return fmt.Sprintf("is not available on %s (Manifest V%d)", name, b.outMV)
	case len(s.Missing) > 0:
		return fmt.Sprintf("is not available on %s %s", name, versionSpan(s.Missing))
	case background && b.bgKind == shims.BackgroundServiceWorker && s.NoServiceWorker:
		return fmt.Sprintf("is not available in %s's service-worker background", name)
	}
	return ""
}

// longestFeature returns the longest prefix of the member path that is a
// feature of the tables ("tabs.query" for "tabs.query.call"), "" if none.
func longestFeature(p string) string {
	known := knownFeatures()
	for p != "" {
		if known[p] && !strings.HasPrefix(p, "manifest") {
			return p
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return ""
		}
		p = p[:i]
	}
	return ""
}

// reportWorkerGaps reports the uses of Window-only globals (targets.WorkerGaps)
// in a file that runs in the target's service-worker background.
func (b *targetBuild) reportWorkerGaps(file string) {
	uses, err := b.src.globalUses(file)
	if err != nil {
		return
	}
	for _, u := range uses {
		for _, g := range targets.WorkerGaps {
			if g.Name != u.Name || g.Member != "" && g.Member != u.Member {
				continue
			}
			what := g.Name
			if g.Member != "" {
				what += "." + g.Member
			}
			b.compatf(file, Pos{Offset: u.Offset, Line: u.Line, Column: u.Column},
				"%s is not available in %s's service-worker background: %s", what, b.t.Browser.Name, g.Instead)
		}
	}
}

// scannedGlobals are the globals of targets.WorkerGaps and
// targets.WebAPIGaps, whose uses one scan of each file finds.
func scannedGlobals() []string {
	var names []string
	for _, g := range targets.WorkerGaps {
		names = append(names, g.Name)
	}
	for _, g := range targets.WebAPIGaps {
		if !slices.Contains(names, g.Name) {
			names = append(names, g.Name)
		}
	}
	return names
}
