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
// (esbuild then re-reads and re-parses only the files that changed) and
// the output of classic scripts whose source and options did not change.
// Entries a build did not use are dropped after it (sweep).
type buildCache struct {
	mu      sync.Mutex
	classic map[[32]byte]*classicEntry
	modules map[[32]byte]*cachedContext
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
	return &buildCache{classic: map[[32]byte]*classicEntry{}, modules: map[[32]byte]*cachedContext{}}
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

// sweep drops what the last build did not use and clears the marks.
func (bc *buildCache) sweep() {
	bc.mu.Lock()
	defer bc.mu.Unlock()
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
}
