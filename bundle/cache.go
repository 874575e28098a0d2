package bundle

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// buildCache carries compiled work from one build to the next while
// Watch runs: esbuild's incremental build contexts for module entries
// (esbuild then re-reads and re-parses only the files that changed), the
// output of classic scripts whose source and options did not change, and
// the shims' defines each module bundle was last built with. Entries a
// build did not use are dropped after it (sweep). What a build keeps of
// the source, the plans and the output is in its watchState.
type buildCache struct {
	mu      sync.Mutex
	classic map[[32]byte]*classicEntry
	modules map[[32]byte]*cachedContext
	defines map[[32]byte]*definesEntry
	watch   watchState
}

// definesEntry is the defines a module bundle was last built with.
type definesEntry struct {
	define map[string]string
	used   bool
}

type classicEntry struct {
	c    compiled
	used bool
}

type cachedContext struct {
	mu   sync.Mutex // one Rebuild at a time
	ctx  api.BuildContext
	used bool
}

func newBuildCache() *buildCache {
	return &buildCache{classic: map[[32]byte]*classicEntry{}, modules: map[[32]byte]*cachedContext{}, defines: map[[32]byte]*definesEntry{}}
}

type buildCacheKey struct{}

// withBuildCache returns a context whose builds use c.
func withBuildCache(ctx context.Context, c *buildCache) context.Context {
	return context.WithValue(ctx, buildCacheKey{}, c)
}

// buildCacheFrom returns the cache of ctx, nil when it has none (a plain
// Build caches nothing).
func buildCacheFrom(ctx context.Context) *buildCache {
	c, _ := ctx.Value(buildCacheKey{}).(*buildCache)
	return c
}

// cacheKey hashes the parts that decide a compilation's output.
func cacheKey(parts ...any) [32]byte {
	data, err := json.Marshal(parts)
	if err != nil {
		panic("bundle: cache key: " + err.Error()) // only plain data is hashed
	}
	return sha256.Sum256(data)
}

// classicCompile returns the cached compilation for key, or runs compile
// and caches its result when it has no errors.
func (bc *buildCache) classicCompile(key [32]byte, compile func() compiled) compiled {
	if bc == nil {
		return compile()
	}
	bc.mu.Lock()
	e, ok := bc.classic[key]
	if ok {
		e.used = true
	}
	bc.mu.Unlock()
	if ok {
		return e.c
	}
	c := compile()
	if len(c.code) > 0 && !c.diags.HasErrors() {
		bc.mu.Lock()
		bc.classic[key] = &classicEntry{c: c, used: true}
		bc.mu.Unlock()
	}
	return c
}

// moduleBuild runs the build of opts: without a cache, with api.Build;
// with one, by rebuilding the incremental context kept for key, created
// from opts the first time.
func (bc *buildCache) moduleBuild(key [32]byte, opts api.BuildOptions) api.BuildResult {
	if bc == nil {
		return api.Build(opts)
	}
	bc.mu.Lock()
	e, ok := bc.modules[key]
	if !ok {
		e = &cachedContext{}
		bc.modules[key] = e
	}
	e.used = true
	bc.mu.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.ctx == nil {
		ctx, cerr := api.Context(opts)
		if cerr != nil {
			return api.Build(opts) // reports the same errors
		}
		e.ctx = ctx
	}
	return e.ctx.Rebuild()
}

// lastDefines returns the defines the bundle of key was last built with
// (see settledDefines), and whether there are any.
func (bc *buildCache) lastDefines(key [32]byte) (map[string]string, bool) {
	if bc == nil {
		return nil, false
	}
	bc.mu.Lock()
	defer bc.mu.Unlock()
	e, ok := bc.defines[key]
	if !ok {
		return nil, false
	}
	e.used = true
	return e.define, true
}

// keepDefines records the defines the bundle of key was built with.
func (bc *buildCache) keepDefines(key [32]byte, define map[string]string) {
	if bc == nil {
		return
	}
	bc.mu.Lock()
	defer bc.mu.Unlock()
	bc.defines[key] = &definesEntry{define: define, used: true}
}

// sweep drops what the last build did not use and clears the marks.
func (bc *buildCache) sweep() {
	bc.mu.Lock()
	defer bc.mu.Unlock()
	for k, e := range bc.defines {
		if !e.used {
			delete(bc.defines, k)
		}
		e.used = false
	}
	for k, e := range bc.classic {
		if !e.used {
			delete(bc.classic, k)
		}
		e.used = false
	}
	for k, e := range bc.modules {
		if !e.used {
			if e.ctx != nil {
				e.ctx.Dispose()
			}
			delete(bc.modules, k)
		}
		e.used = false
	}
}

// dispose releases every esbuild context.
func (bc *buildCache) dispose() {
	bc.mu.Lock()
	defer bc.mu.Unlock()
	for k, e := range bc.modules {
		if e.ctx != nil {
			e.ctx.Dispose()
		}
		delete(bc.modules, k)
	}
	clear(bc.classic)
	clear(bc.defines)
}
