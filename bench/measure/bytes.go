package measure

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/webext-shim/webext-shim/bundle"
	"github.com/webext-shim/webext-shim/internal/shimjs"
	"github.com/webext-shim/webext-shim/shims"
	"github.com/webext-shim/webext-shim/targets"
)

// Reference sizes of webextension-polyfill's browser-polyfill.min.js, the
// usual alternative (the figures the issue gives).
const (
	PolyfillMinBytes  = 10113
	PolyfillGzipBytes = 3030
)

// FileBytes is one script of a built extension, minified.
type FileBytes struct {
	// Path is slash-separated, relative to the target's output directory.
	Path string
	// Entry is set for a script compiled from the source; unset for one
	// webext-shim generated (its runtime and background scripts).
	Entry bool
	// With is the size webext-shim wrote; Without the size esbuild alone
	// gives the same entry with the same options (0 for generated scripts).
	With, Without int
	// WithGzip and WithoutGzip are the same, gzipped at the best
	// compression.
	WithGzip, WithoutGzip int
}

// Added is the number of bytes the shims add to the file.
func (f FileBytes) Added() int { return f.With - f.Without }

// AddedGzip is the number of gzipped bytes the shims add to the file.
func (f FileBytes) AddedGzip() int { return f.WithGzip - f.WithoutGzip }

// TargetBytes are the shim bytes of one target.
type TargetBytes struct {
	// Target is the resolved target.
	Target targets.Target
	// Shims are the shims webext-shim reports in the output.
	Shims []string
	// Files are the output's scripts, sorted by path.
	Files []FileBytes
	// Standalone and StandaloneGzip are the sizes of the minified
	// standalone script (`webext-shim shim --minify`) for the target.
	Standalone, StandaloneGzip int
	// BackgroundPage and BackgroundPageGzip are the sizes of the minified
	// standalone script with the getBackgroundPage shim alone
	// (`webext-shim shim --api runtime.getBackgroundPage --minify`).
	BackgroundPage, BackgroundPageGzip int
}

// Added is the total the shims add to the target's scripts.
func (t TargetBytes) Added() (minified, gzipped int) {
	for _, f := range t.Files {
		minified += f.Added()
		gzipped += f.AddedGzip()
	}
	return minified, gzipped
}

// BytesResult are the shim bytes of one extension.
type BytesResult struct {
	// Name names the extension in reports.
	Name string
	// Targets are per target, in the order of the target list.
	Targets []TargetBytes
}

// ShimBytes measures the bytes the shims add to each script of the
// extension in src, per target: it builds the extension minified with
// bundle.Build into work, then compiles each entry again with esbuild alone
// (a module entry bundled, a classic script transformed, as webext-shim
// compiles them) with the same engines, minification, charset and legal
// comments, and no shims. A script webext-shim generated counts whole.
func ShimBytes(ctx context.Context, name, src, list, work string) (BytesResult, error) {
	qs, err := targets.ParseQueries(list)
	if err != nil {
		return BytesResult{}, err
	}
	res, err := bundle.Build(ctx, bundle.Options{Source: src, OutDir: work, Targets: qs, Minify: true})
	if err != nil {
		return BytesResult{}, fmt.Errorf("building %q: %w: %v", src, err, res.Diagnostics)
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return BytesResult{}, err
	}
	out := BytesResult{Name: name}
	for _, tr := range res.Targets {
		tb := TargetBytes{Target: tr.Target, Shims: tr.Shims}
		isEntry := map[string]bundle.Entry{}
		for _, e := range tr.Entries {
			isEntry[e.Path] = e
		}
		for _, f := range tr.Files {
			if !f.Generated || path.Ext(f.Path) != ".js" {
				continue
			}
			with, err := os.ReadFile(filepath.Join(tr.Dir, filepath.FromSlash(f.Path)))
			if err != nil {
				return BytesResult{}, err
			}
			fb := FileBytes{Path: f.Path, With: len(with), WithGzip: gzipSize(with)}
			if e, ok := isEntry[f.Path]; ok {
				without, err := compileAlone(abs, e, tr.Target)
				if err != nil {
					return BytesResult{}, err
				}
				fb.Entry = true
				fb.Without, fb.WithoutGzip = len(without), gzipSize(without)
			}
			tb.Files = append(tb.Files, fb)
		}
		s, err := shims.RenderStandalone([]targets.Target{tr.Target}, shims.StandaloneOptions{Minify: true})
		if err != nil {
			return BytesResult{}, err
		}
		tb.Standalone, tb.StandaloneGzip = len(s.Code), gzipSize(s.Code)
		s, err = shims.RenderStandalone([]targets.Target{tr.Target}, shims.StandaloneOptions{APIs: shims.GetBackgroundPage.Provides, Minify: true})
		if err != nil {
			return BytesResult{}, err
		}
		tb.BackgroundPage, tb.BackgroundPageGzip = len(s.Code), gzipSize(s.Code)
		out.Targets = append(out.Targets, tb)
	}
	return out, nil
}

// compileAlone compiles one entry of the extension in dir with esbuild alone,
// minified, for t.
func compileAlone(dir string, e bundle.Entry, t targets.Target) ([]byte, error) {
	engines := shimjs.Engines([]targets.Target{t})
	if e.Module {
		res := api.Build(api.BuildOptions{
			AbsWorkingDir:     dir,
			EntryPoints:       []string{e.Path},
			Outfile:           filepath.Join(dir, filepath.FromSlash(e.Path)),
			Bundle:            true,
			Write:             false,
			Format:            api.FormatESModule,
			Platform:          api.PlatformBrowser,
			Engines:           engines,
			MinifyWhitespace:  true,
			MinifyIdentifiers: true,
			MinifySyntax:      true,
			Charset:           api.CharsetUTF8,
			LegalComments:     api.LegalCommentsInline,
			LogLevel:          api.LogLevelSilent,
		})
		if len(res.Errors) > 0 || len(res.OutputFiles) != 1 {
			return nil, fmt.Errorf("bundling %q with esbuild: %s", e.Path, messages(res.Errors))
		}
		return res.OutputFiles[0].Contents, nil
	}
	code, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(e.Path)))
	if err != nil {
		return nil, err
	}
	res := api.Transform(string(code), api.TransformOptions{
		Sourcefile:        e.Path,
		Loader:            api.LoaderJS,
		Engines:           engines,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Charset:           api.CharsetUTF8,
		LegalComments:     api.LegalCommentsInline,
		LogLevel:          api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		return nil, fmt.Errorf("compiling %q with esbuild: %s", e.Path, messages(res.Errors))
	}
	return res.Code, nil
}

func messages(ms []api.Message) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, m.Text)
	}
	return strings.Join(parts, "; ")
}

// gzipSize is the size of b gzipped at the best compression.
func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		panic(err) // only for an invalid level
	}
	w.Write(b)
	w.Close()
	return buf.Len()
}
