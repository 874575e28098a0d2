package bundle

import (
	"crypto/sha256"
	"fmt"
	"path"
	"sync"

	"github.com/webext-shim/webext-shim/shims"
)

// compileEntries compiles every entry of the plan concurrently: each
// classic script on its own, the module entries in groups that share their
// replacements (one esbuild build per group, see compileModuleGroup). It
// returns the results by entry path and their diagnostics, in entry order.
func compileEntries(p *plan, src *source, eo esbuildOptions) (map[string]compiled, Diagnostics) {
	type group struct {
		rs      []shims.Replacement
		iife    bool
		entries []moduleEntry
	}
	var groups []*group
	byKey := map[string]*group{}
	var classics []*entry
	for _, rel := range p.l.order {
		e := p.l.entries[rel]
		if !e.module {
			classics = append(classics, e)
			continue
		}
		rs := p.replacements[rel]
		key := path.Ext(e.path)
		if e.iife {
			key = "iife" + key
		}
		for _, r := range rs {
			key += "," + r.API
		}
		g := byKey[key]
		if g == nil {
			g = &group{rs: rs, iife: e.iife}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.entries = append(g.entries, moduleEntry{rel: e.path, handlers: p.firstModules(e)})
	}
	classicResults := make([]compiled, len(classics))
	groupResults := make([]map[string]compiled, len(groups))
	var wg sync.WaitGroup
	for i, g := range groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o := eo
			o.iife = g.iife
			groupResults[i] = compileModuleGroup(o, g.entries, g.rs)
		}()
	}
	for i, e := range classics {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, err := src.read(e.path)
			if err != nil {
				classicResults[i] = compiled{diags: Diagnostics{{File: e.path, Severity: Error, Message: fmt.Sprintf("reading the script: %v", err)}}}
				return
			}
			rs := p.replacements[e.path]
			key := cacheKey("classic", e.path, sha256.Sum256(code), rs, eo.engines, eo.minify, eo.sourcemap, eo.strict)
			classicResults[i] = eo.cache.classicCompile(key, func() compiled { return compileClassic(eo, e.path, code, rs) })
		}()
	}
	wg.Wait()
	out := make(map[string]compiled, len(p.l.order))
	for i, e := range classics {
		out[e.path] = classicResults[i]
	}
	for i, g := range groups {
		for _, me := range g.entries {
			out[me.rel] = groupResults[i][me.rel]
		}
	}
	var diags Diagnostics
	for _, rel := range p.l.order {
		for _, d := range out[rel].diags {
			if d.Target == "" {
				d.Target = p.t.Browser.Name
			}
			diags = append(diags, d)
		}
	}
	return out, diags
}
