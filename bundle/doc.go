// Package bundle turns one extension source tree into one ready extension
// per target browser: the library behind `webext-shim build` and
// `webext-shim check`, for build systems that call it from Go:
//
//	qs, err := targets.ParseQueries("chrome,firefox>=115")
//	res, err := bundle.Build(ctx, bundle.Options{Source: "src", Targets: qs})
//	for _, d := range res.Diagnostics {
//		fmt.Println(d) // "popup.js:12:5: warning: ..."
//	}
//
// Build reads manifest.json (comments allowed), specialises it per target
// (keys prefixed "firefox:", "chromium:", ... at any depth; the most
// specific wins) and collects what it makes the extension load: background
// scripts, page or service worker, content scripts, the HTML pages it names
// (popups, options, sidebar, side panel, devtools, URL overrides) and their
// local <script>s. Every other file is copied as is, except what web-ext
// skips (dotfiles, node_modules, archives, the output directory) and the
// modules that only the bundles need (see below). Sources must be UTF-8;
// scripts, pages and the manifest over MaxReadSize are refused, other
// files are streamed.
//
// # Plan, compile, emit
//
// Each target is built in three steps. The plan (plan.go) is decided first,
// from the source layout, the target and the source's API uses, and never
// changes after: the entries and their contexts, the output's manifest
// version and background, the shims the target needs (shims.Needs over
// Options.Shims), the replacements each entry gets, whether the shims'
// background parts are in, and the manifest edits the shims imply. Then
// every entry is compiled (compile_entries.go). Then the output is emitted
// from the plan and the compiled entries: the background, the rewritten
// pages, the runtime scripts, the manifest (shims' edits, then conversion)
// and the compat report. The build applies every shim the same way: it
// knows no shim by name, module or API, only the data of shims.Shim.
//
// Each entry is compiled by esbuild for the target's engine versions:
//
//   - A classic script is compiled on its own (esbuild's transform), so its
//     top-level declarations stay globals, minified or not; the APIs a shim
//     replaces are rewritten with esbuild's define to members of
//     a global object, which the generated runtime script (RuntimeFile,
//     inserted before the page's first classic script) defines with only
//     the shims the scripts use.
//   - An ES module is bundled with its imports; the shims reach it through
//     esbuild's inject of a virtual module exporting them under dotted
//     names ("chrome.runtime.onMessage"), so exactly those
//     expressions are replaced and unused shims are tree-shaken. The module
//     entries of a target that share their replacements are bundled by one
//     esbuild build (their shared modules parsed once), each still into one
//     self-contained module. A module that only these bundles need is not
//     copied, unless a string in the code, pages or manifest names it,
//     web_accessible_resources covers it or a copied script imports it.
//
// A shim's background part (shims.BackgroundPart: the handler that answers
// extension pages by message passing) is added only when some extension
// page uses one of the APIs it serves on a target that needs it. Replacing
// API expressions does not reach code that gets to the API through a value
// (const api = globalThis.browser ?? chrome; const rt = chrome.runtime; see
// shims.Shim.ValueUse): when a script of the source does so and the code
// mentions one of those APIs, every extension page and the background also
// evaluate the part's patch module first, which patches the native objects
// in place as the standalone script does, and the handler is added. For Chromium, the background becomes one
// service worker: classic scripts are loaded in order by the generated
// BackgroundFile with importScripts (after the handler), so they still
// share their globals.
//
// The manifest is converted per family (Chromium: Manifest V3, action,
// host_permissions, web_accessible_resources and CSP in their V3 forms;
// Gecko: the source's version, background scripts; WebKit: V3 where the
// range supports it), the target's minimum version is written into it, and
// keys the tables say the target lacks are dropped with a warning. Every
// extension API the code uses is looked up for every target: one the
// target lacks that no shim covers is a warning with its position (an
// error with Options.Strict), as is a permission the target refuses. A
// classic script that does not parse is copied as written with a warning at
// the error (an error with Options.Strict); a module that does not parse is
// an error, since its bundle cannot be made.
//
// Output goes to OUTDIR/<browser>/, each replaced as a whole and only when
// every target built; an existing OUTDIR/<browser>/ that webext-shim did
// not write (no OutputMarker) is never replaced, and a build that was
// killed is recovered by the next one. Build's error wraps ErrFailed when
// the diagnostics say why and ErrOptions when the options are at fault.
// Watch rebuilds on every change of the source tree, incrementally
// (incremental.go): it keeps esbuild's contexts per target and entry group,
// the source files that did not change and their scans, and each target's
// plan while its inputs (the manifest, the pages, the set of files, the
// API uses of the scripts) hold; after its first build it rewrites only
// the output files whose bytes changed, staged first inside OUTDIR and then
// moved into place (update.go), so that a failed rebuild, or one whose
// staging fails, leaves the last good output. Diagnostics are data (file, line, column, severity,
// message); only the command formats them. The readers it uses live in
// internal/: jsonc (manifest.json), htmlscript (the scripts of a page),
// jsscan (extension-API uses and importScripts), with their positions in
// textpos.
package bundle
