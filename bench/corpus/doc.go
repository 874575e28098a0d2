// Package corpus measures webext-shim on a corpus of real extensions: it
// builds each extension with bundle.Build for each target, loads the output,
// and where the browser can load it the source as it is (the baseline), into
// the real headless browser with internal/browsertest, and reports per
// extension whether it built (with the build's diagnostics), loaded, started
// its background, and the errors of its background and pages. It returns
// results and prints nothing; bench/cmd/corpus is the command.
//
// # Finding and skipping
//
// [Find] walks the given directories for manifest.json files with a
// manifest_version (a web app manifest is not an extension), and does not
// descend into node_modules, dot directories or a webext-shim output (a
// directory with bundle.OutputMarker). [SkipReason] leaves out, from their
// files alone, the extensions a browser cannot load as they are: those with
// a package.json (in the extension's directory or above it, up to the root
// given) whose scripts build (a script named build, compile or bundle, or
// one that runs webpack, rollup, vite, parcel, tsc, esbuild, browserify,
// gulp, grunt, babel, swc, plasmo or wxt), and those that ask for the
// nativeMessaging permission, which talk to a native application.
//
// # Building
//
// Each extension is built once per target ("chrome", "firefox"), with the
// target's default range and no other option, into a temporary directory:
// one build per target, so that a target that fails does not keep the
// other's output from being written.
//
// # Loading
//
// The extensions are measured in batches (Options.Batch, 10 by default):
// per batch and target, one browser is started, under the lock
// Options.Lock (flock(2), the lock /tmp/browser.lock of the project's
// browser tests), and loads, one after another, each source it can load
// (Firefox loads Manifest V2 and V3 sources as temporary add-ons; Chromium
// loads only Manifest V3) and each output, and uninstalls each before the
// next. For each:
//
//   - the load: Chromium's reason when Extensions.loadUnpacked refuses the
//     extension, Firefox's when Addon:Install does (a Firefox whose install
//     went wrong is replaced by a new one for the next extension);
//   - the background runs for Options.BackgroundWait (1 s); then each page the
//     manifest names (popup of action, browser_action or page_action,
//     options_ui or options_page, sidebar_action, side_panel, the pages of
//     chrome_url_overrides) is opened in a tab or window for
//     Options.PageWait (1.5 s) and closed;
//   - background started: in Chromium, the service worker reached the
//     running state (a worker whose script throws does not register); in
//     Firefox, the add-on's background state is "running";
//   - the errors, per context: the "manifest" context holds what the browser
//     says of the manifest (Chromium: the manifest errors and warnings of
//     chrome://extensions, read through chrome.developerPrivate, such as
//     "Permission 'menus' is unknown." or "Service worker registration failed.
//     Status code: 15"; Firefox: the add-on's load warnings, such as
//     "Reading manifest: Warning processing permissions: ..."); the
//     background and each page hold their uncaught exceptions, unhandled
//     rejections and console.error calls (Chromium: from the DevTools
//     protocol, by target; Firefox: the console service's errors whose
//     source is the add-on's moz-extension:// host, and console.error lines of
//     standard output, attributed by time: to a page when they came while it
//     was open, unless their source is a background script).
//
// A page opened in a tab is not a popup: a popup that queries the active
// tab finds itself. The source baseline, loaded the same way, shows what
// such artefacts cost the extension as written.
//
// # Matching errors to diagnostics
//
// [MatchErrors] pairs each error of an output with the first diagnostic of
// its build that names the same thing ([Terms]: the API path, its member or
// namespace unless too generic, a quoted manifest key or permission), or,
// failing that, whose API member the error quotes, as V8's "Cannot read
// properties of undefined (reading 'create')". It is a heuristic, meant to
// sort the failures into those the build warned about and the others.
//
// # Output
//
// [Markdown] formats the totals per target, a row per extension and the
// errors of each output with their matched diagnostic; the JSON form of
// [Report] has every detail (errors per context with their sources, the
// diagnostics with positions, the matches).
package corpus
