package bundle

import (
	"slices"

	"github.com/webext-shim/webext-shim/internal/jsscan"
)

// watchState is what one build of Watch leaves for the next, beyond the
// compiled work of buildCache: the source as read (its files' contents and
// scans), the plans, and what each output directory holds. A build under
// Watch reads only the files that changed, plans again only when the plan's
// inputs changed, and rewrites only the output files whose bytes changed.
// It is guarded by buildCache.mu.
type watchState struct {
	// known is set when changed says what changed since src was read: Watch
	// sets it, with changed, before each build but the first.
	known   bool
	changed map[string]bool
	// stamps are the source's stamps, taken before the build reads it
	// (nil: the build stats the files it needs).
	stamps treeStamps
	// src is the source the previous build read.
	src *source
	// plans are the previous build's plans, by target.
	plans map[string]*keptPlan
	// outputs are what the previous builds wrote into OUTDIR/<browser>, by
	// browser (output.go, update.go).
	outputs map[string]*writtenDir
}

// keptPlan is a plan and the diagnostics of its making.
type keptPlan struct {
	p     *plan
	diags Diagnostics
}

// setChanged tells the next build which source files changed (added,
// removed or modified) since the previous one read the source, and the
// stamps taken before it reads the source again.
func (bc *buildCache) setChanged(changed []string, stamps treeStamps) {
	bc.mu.Lock()
	defer bc.mu.Unlock()
	bc.watch.known = true
	bc.watch.changed = map[string]bool{}
	for _, rel := range changed {
		bc.watch.changed[rel] = true
	}
	bc.watch.stamps = stamps
}

// setStamps gives the first build the source's stamps, taken before it
// reads the source.
func (bc *buildCache) setStamps(stamps treeStamps) {
	bc.mu.Lock()
	defer bc.mu.Unlock()
	bc.watch.stamps = stamps
}

// previousSource returns the source the previous build read and the files
// changed since, or nil when the build must read every file again.
func (bc *buildCache) previousSource() (*source, map[string]bool) {
	if bc == nil {
		return nil, nil
	}
	bc.mu.Lock()
	defer bc.mu.Unlock()
	if !bc.watch.known || bc.watch.src == nil {
		return nil, nil
	}
	return bc.watch.src, bc.watch.changed
}

// sourceStamps returns the stamps taken before the build read the source,
// nil when there are none.
func (bc *buildCache) sourceStamps() treeStamps {
	if bc == nil {
		return nil
	}
	bc.mu.Lock()
	defer bc.mu.Unlock()
	return bc.watch.stamps
}

// keepSource records the source a build read, for the next build.
func (bc *buildCache) keepSource(src *source) {
	if bc == nil {
		return
	}
	bc.mu.Lock()
	defer bc.mu.Unlock()
	bc.watch.src = src
	bc.watch.known = false
	bc.watch.changed = nil
}

// inherit takes over from prev, the source an earlier build read, the
// contents and scans of the files that did not change since: changed holds
// the paths added, removed or modified after prev read them.
func (s *source) inherit(prev *source, changed map[string]bool) {
	if prev == nil {
		return
	}
	prev.mu.Lock()
	defer prev.mu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	keep := func(rel string) bool { return !changed[rel] && s.has(rel) }
	for rel, b := range prev.cache {
		if keep(rel) {
			s.cache[rel] = b
		}
	}
	for rel, u := range prev.uses {
		if keep(rel) {
			s.uses[rel] = u
		}
	}
	for rel, l := range prev.literals {
		if keep(rel) {
			s.literals[rel] = l
		}
	}
	for rel, g := range prev.globals {
		if keep(rel) {
			s.globals[rel] = g
		}
	}
}

// planInputsSame reports whether the plans of the previous build, whose
// source was prev, still hold for src, changed being the files that
// changed in between: every changed file is a script that both have, and
// its API uses name the same members (positions aside). A plan's other
// inputs, the manifest, the pages, the locales, the icons and the set of
// files, did not change then. (Whether a plan also depends on the import
// graph or on a classic service worker's importScripts is keptPlan's
// business: see reusablePlan.)
func planInputsSame(prev, src *source, changed map[string]bool) bool {
	if prev == nil {
		return false
	}
	for rel := range changed {
		if !isScript(rel) || !prev.has(rel) || !src.has(rel) {
			return false
		}
		prev.mu.Lock()
		old, scanned := prev.uses[rel]
		code, read := prev.cache[rel]
		prev.mu.Unlock()
		switch {
		case !scanned && !read:
			// Never read: nothing to compare with.
			return false
		case !scanned:
			old = jsscan.APIUses(code)
		}
		now, err := src.apiUses(rel)
		if err != nil || !slices.Equal(usedMembers(old), usedMembers(now)) {
			return false
		}
	}
	return true
}

// usedMembers returns the sorted, distinct "namespace.path" of the uses.
func usedMembers(uses []jsscan.APIUse) []string {
	out := make([]string, 0, len(uses))
	for _, u := range uses {
		out = append(out, u.Namespace+"."+u.Path)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// reusablePlan returns the previous build's plan for the target key when
// it still holds (inputsSame is planInputsSame's answer for this build),
// nil otherwise: a plan that read the import graph of the pages' modules
// is made again whenever a script changed, and one whose classic service
// worker loads scripts with importScripts whenever one of its classic
// background entries changed.
func (bc *buildCache) reusablePlan(key string, inputsSame bool) *keptPlan {
	if bc == nil || !inputsSame {
		return nil
	}
	bc.mu.Lock()
	defer bc.mu.Unlock()
	kp := bc.watch.plans[key]
	if kp == nil {
		return nil
	}
	for rel := range bc.watch.changed {
		if kp.p.graphRead {
			return nil
		}
		if e, ok := kp.p.l.entries[rel]; ok && kp.p.l.bg.kind == bgWorker && !e.module {
			return nil
		}
	}
	return kp
}

// keepPlan records a target's plan for the next build.
func (bc *buildCache) keepPlan(key string, kp *keptPlan) {
	if bc == nil {
		return
	}
	bc.mu.Lock()
	defer bc.mu.Unlock()
	if bc.watch.plans == nil {
		bc.watch.plans = map[string]*keptPlan{}
	}
	bc.watch.plans[key] = kp
}
