package corpus

import "github.com/webext-shim/webext-shim/bundle"

// Report is the result of a run.
type Report struct {
	// Targets are the browsers measured, such as ["chrome", "firefox"].
	Targets []string `json:"targets"`
	// Extensions are the results per extension, in the order found.
	Extensions []ExtensionResult `json:"extensions"`
	// Totals are the counts per target, in the order of Targets.
	Totals []Totals `json:"totals"`
	// FindErrors are the manifests that could not be read.
	FindErrors []string `json:"findErrors,omitempty"`
}

// ExtensionResult is what the runner found for one extension.
type ExtensionResult struct {
	Extension
	// Skipped says why the extension was not measured, or is "".
	Skipped string `json:"skipped,omitempty"`
	// Targets are the results per target, in the order of Report.Targets.
	Targets []TargetResult `json:"targets,omitempty"`
}

// TargetResult is the build for one target and what the browser made of
// it, and of the source as it is.
type TargetResult struct {
	// Target is the browser, such as "chrome".
	Target string `json:"target"`
	// Built is true when bundle.Build wrote the output.
	Built bool `json:"built"`
	// OutputDir is the build's output directory.
	OutputDir string `json:"outputDir,omitempty"`
	// BuildError is Build's error when it failed.
	BuildError string `json:"buildError,omitempty"`
	// Diagnostics are the build's warnings and errors, with positions in
	// the source.
	Diagnostics bundle.Diagnostics `json:"diagnostics,omitempty"`
	// Output is the load of the build's output, nil when it was not built
	// or not loaded.
	Output *Load `json:"output,omitempty"`
	// Source is the load of the source as it is, the baseline; nil when the
	// browser cannot load it (Chromium loads Manifest V3 only).
	Source *Load `json:"source,omitempty"`
	// Matches pair the output's errors with the diagnostics that may
	// explain them.
	Matches []Match `json:"matches,omitempty"`
}

// Load is what happened when the browser loaded one directory.
type Load struct {
	// Dir is the directory loaded.
	Dir string `json:"dir"`
	// Loaded is true when the browser installed the extension.
	Loaded bool `json:"loaded"`
	// Error is why it did not load.
	Error string `json:"error,omitempty"`
	// Background is "started", "failed" or "none" (no background).
	Background string `json:"background,omitempty"`
	// Notes are what the runner could not find out, such as an extensions
	// page that does not list the extension (Chromium does not list a
	// theme); they are not the extension's errors.
	Notes []string `json:"notes,omitempty"`
	// Contexts are the background ("background", first) and the pages
	// the manifest names, with their errors; a context "manifest" holds
	// the browser's warnings and errors about the manifest.
	Contexts []Context `json:"contexts,omitempty"`
}

// Context is one place the extension's code runs in, or the manifest.
type Context struct {
	// Name is "manifest", "background" or the role of a page ("popup",
	// "options", "sidebar", "side panel", "override newtab", ...).
	Name string `json:"name"`
	// Path is the page's path in the extension, for a page.
	Path string `json:"path,omitempty"`
	// OpenError is why the page could not be opened.
	OpenError string `json:"openError,omitempty"`
	// Errors are its uncaught exceptions, unhandled rejections,
	// console.error calls and the browser's errors about it.
	Errors []Message `json:"errors,omitempty"`
}

// Message is one error or warning that a browser reported.
type Message struct {
	// Level is "error" or "warning".
	Level string `json:"level"`
	// Text is the message.
	Text string `json:"text"`
	// Source is the file it is about, when the browser said, with its
	// 1-based Line and Column (0 when unknown).
	Source string `json:"source,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// Errors returns the number of messages of all contexts, and of page
// contexts that could not be opened.
func (l *Load) Errors() int {
	if l == nil {
		return 0
	}
	n := 0
	for _, c := range l.Contexts {
		n += len(c.Errors)
		if c.OpenError != "" {
			n++
		}
	}
	return n
}

// Clean reports whether the extension loaded, its background (if any)
// started, and no context had an error.
func (l *Load) Clean() bool {
	return l != nil && l.Loaded && l.Background != "failed" && l.Errors() == 0
}

// Totals are the counts of one target over the extensions.
type Totals struct {
	Target string `json:"target"`
	// Found counts the extensions found; Skipped those not measured.
	Found   int `json:"found"`
	Skipped int `json:"skipped"`
	// Built counts the builds that succeeded; BuiltWithWarnings those
	// with at least one warning.
	Built             int `json:"built"`
	BuiltWithWarnings int `json:"builtWithWarnings"`
	// Loaded, BackgroundStarted and Clean count the outputs that loaded,
	// whose background started (or that have none), and that ran without
	// errors.
	Loaded            int `json:"loaded"`
	BackgroundStarted int `json:"backgroundStarted"`
	Clean             int `json:"clean"`
	// SourceLoadable counts the sources the browser can load; SourceLoaded
	// and SourceClean those that loaded and ran without errors.
	SourceLoadable int `json:"sourceLoadable"`
	SourceLoaded   int `json:"sourceLoaded"`
	SourceClean    int `json:"sourceClean"`
	// Regressions counts the extensions whose source ran clean and whose
	// output did not.
	Regressions int `json:"regressions"`
	// Errors counts the output's messages; Matched those paired with a
	// build diagnostic.
	Errors  int `json:"errors"`
	Matched int `json:"matched"`
}

// total computes the totals of the target at index i.
func total(target string, i int, exts []ExtensionResult) Totals {
	t := Totals{Target: target, Found: len(exts)}
	for _, e := range exts {
		if e.Skipped != "" {
			t.Skipped++
			continue
		}
		if i >= len(e.Targets) {
			continue
		}
		r := e.Targets[i]
		if r.Built {
			t.Built++
			if len(r.Diagnostics) > 0 {
				t.BuiltWithWarnings++
			}
		}
		if o := r.Output; o != nil && o.Loaded {
			t.Loaded++
			if o.Background != "failed" {
				t.BackgroundStarted++
			}
			if o.Clean() {
				t.Clean++
			}
		}
		if s := r.Source; s != nil {
			t.SourceLoadable++
			if s.Loaded {
				t.SourceLoaded++
			}
			if s.Clean() {
				t.SourceClean++
				if !r.Output.Clean() {
					t.Regressions++
				}
			}
		}
		t.Errors += r.Output.Errors()
		t.Matched += matchedErrors(r.Matches)
	}
	return t
}
