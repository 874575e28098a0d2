package shims

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/webext-shim/webext-shim/targets"
)

// Context is a kind of extension context a shim runs in.
type Context string

// The contexts.
const (
	// Background is the background page, event page or service worker.
	Background Context = "background"
	// Page is an extension page: popup, options, sidebar, devtools, tabs.
	Page Context = "page"
	// ContentScript is a content script.
	ContentScript Context = "content"
)

// BackgroundKind is how a built extension's background runs on a target.
type BackgroundKind int

// The background kinds.
const (
	// BackgroundNone: the extension has no background.
	BackgroundNone BackgroundKind = iota
	// BackgroundPage: a background page or event page (background.scripts
	// or background.page); a Window exists.
	BackgroundPage
	// BackgroundServiceWorker: a service worker; no Window exists.
	BackgroundServiceWorker
)

// String returns "none", "page" or "service worker".
func (k BackgroundKind) String() string {
	switch k {
	case BackgroundPage:
		return "page"
	case BackgroundServiceWorker:
		return "service worker"
	}
	return "none"
}

// Shim describes one shim: everything a build needs to apply it, as data.
// A build (package bundle) applies every shim the same way and knows none by
// name.
type Shim struct {
	// Name identifies the shim: "getBackgroundPage".
	Name string
	// Title says what it does, for reports.
	Title string
	// Provides are the API paths it replaces or defines.
	Provides []string
	// Features are the compat features (targets.Lookup paths) whose lack or
	// quirks on a target require it (see Needs), unless Needed is set.
	Features []string
	// Needed, when set, decides instead of Features whether a target needs
	// the shim: it returns why ("menus: named contextMenus on chrome"), or
	// nothing when the target does not need it.
	Needed func(t targets.Target, out Output) ([]string, error)
	// Contexts are where its code runs.
	Contexts []Context
	// Families are the browser families it can be needed on (nil: all).
	Families []targets.Family
	// Replaces are the API expressions bundled code gets replaced with the
	// shim's exports.
	Replaces []Replacement
	// BackgroundPart is its part in the background (nil: none): a module
	// the background evaluates first, needed when an extension page uses
	// one of the APIs it names.
	BackgroundPart *BackgroundPart
	// Standalone is the module of its part of the standalone script:
	// evaluating it patches or defines the globals.
	Standalone string
	// Defines, when set, returns the esbuild defines its JavaScript reads
	// (facts that drop the code paths no target needs) for a build for the
	// targets ts of code whose API uses are uses ("browser.tabs.query",
	// "browser" for the bare namespace; AllUses for every API).
	Defines func(ts []targets.Target, uses []string) (map[string]string, error)
	// Renames are the APIs it maps onto the target's names for them (see
	// Covers).
	Renames []Rename
	// Calls are the diagnostics it asks for at calls it cannot carry over.
	Calls []CallCheck
	// Handles are the diagnostics it asks for at the synchronous uses of
	// the values its APIs yield, where those are handles that reach their
	// object by message.
	Handles []HandleCheck
	// Manifest are the edits of the output manifest the shim implies.
	Manifest []ManifestEdit
	// Files holds its modules (nil: webext-shim's embedded shims).
	Files fs.FS
}

// AllUses is the uses list that stands for every API: code that reaches
// the namespaces as values, or a standalone script.
var AllUses = []string{"browser", "chrome"}

// Replacement is one API expression that bundled code gets replaced with a
// shim's export.
type Replacement struct {
	// API is the dotted expression replaced: "chrome.extension.getBackgroundPage".
	API string
	// Module is the module exporting the replacement: "bgpage/client.js".
	Module string
	// Export is the export's name: "extensionGetBackgroundPage".
	Export string
	// WithBackgroundPart marks the replacements that apply only where the
	// shim's background part is in the extension (filters that hide its
	// messages from the extension's own listeners, say).
	WithBackgroundPart bool
	// IfUsed, when set, is an API member path ("offscreen"): the
	// replacement applies only where the extension's code uses it or a
	// member of it.
	IfUsed string
	// Via names the shim whose code the export also runs, where the target
	// needs it (an event filter over the browser namespace's event).
	Via string
}

// BackgroundPart is the part of a shim that runs in the background and that
// extension pages reach by message passing.
type BackgroundPart struct {
	// Handler is the module the background evaluates first, before its own
	// code: it installs itself.
	Handler string
	// Patch is the module that patches the native API objects in place (""
	// for none), for code that reaches the APIs through values (const api =
	// chrome), which Replaces do not see (see ValueUse). Every extension page
	// and the background evaluate it first when some script does so.
	Patch string
	// UsedBy are the API member paths ("runtime.getBackgroundPage") whose use
	// in an extension page needs the part; a build adds it only then.
	UsedBy []string
}

// EditOp is a kind of manifest edit.
type EditOp int

// The manifest edits.
const (
	// AddPermission adds the permission Name unless present.
	AddPermission EditOp = iota + 1
	// RenamePermission renames the permission Name to To (in permissions
	// and optional_permissions).
	RenamePermission
	// RenameKey renames the top-level manifest key Name to To.
	RenameKey
	// MoveKey moves the value at the dotted key path Name to the dotted
	// key path To, creating the objects on the way.
	MoveKey
	// DeleteKey deletes the top-level manifest key Name.
	DeleteKey
	// RemovePermission removes the permission Name (in permissions and
	// optional_permissions), which the shim makes unnecessary.
	RemovePermission
	// CopyKey copies the value at the dotted key path Name to the dotted key
	// path To, unless To is set.
	CopyKey
	// RequireKey checks that the output manifest, after the other edits,
	// has the dotted key path Name; where it has not, the build warns with
	// Message (the shim cannot work without it).
	RequireKey
)

// ManifestEdit is one edit of the output manifest that a shim implies.
type ManifestEdit struct {
	Op       EditOp
	Name, To string
	// IfIncluded applies the edit only when the shim's code is in the
	// output, and IfKey only when the source manifest has that top-level
	// key; otherwise it applies wherever the target needs the shim.
	IfIncluded bool
	IfKey      string
	// Message is RequireKey's warning.
	Message string
}

// String describes the edit: `add permission "scripting"`.
func (e ManifestEdit) String() string {
	switch e.Op {
	case AddPermission:
		return fmt.Sprintf("add permission %q", e.Name)
	case RenamePermission:
		return fmt.Sprintf("rename permission %q to %q", e.Name, e.To)
	case RenameKey:
		return fmt.Sprintf("rename key %q to %q", e.Name, e.To)
	case MoveKey:
		return fmt.Sprintf("move key %q to %q", e.Name, e.To)
	case DeleteKey:
		return fmt.Sprintf("delete key %q", e.Name)
	case RemovePermission:
		return fmt.Sprintf("remove permission %q", e.Name)
	case CopyKey:
		return fmt.Sprintf("copy key %q to %q", e.Name, e.To)
	case RequireKey:
		return fmt.Sprintf("require key %q", e.Name)
	}
	return fmt.Sprintf("edit %d", e.Op)
}

// Output is what a target's build outputs, as far as the need for shims
// goes.
type Output struct {
	// Background is the output's background.
	Background BackgroundKind
	// ManifestVersion is the output's manifest version.
	ManifestVersion int
}

// Modules lists the shim's own modules: those of its replacements, its
// background part and its standalone part.
func (s Shim) Modules() []string {
	var out []string
	add := func(m string) {
		if m != "" && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	for _, r := range s.Replaces {
		add(r.Module)
	}
	if p := s.BackgroundPart; p != nil {
		add(p.Handler)
		add(p.Patch)
	}
	add(s.Standalone)
	return out
}

// Owns reports whether the module (such as "bgpage/client.js") is part of
// the shim: it lies in the directory of one of the shim's modules.
func (s Shim) Owns(module string) bool {
	dir := path.Dir(module)
	return slices.ContainsFunc(s.Modules(), func(m string) bool { return path.Dir(m) == dir })
}

// Source returns the JavaScript source of the shim's module (relative to
// its Files, such as "bgpage/client.js").
func (s Shim) Source(module string) ([]byte, error) {
	if s.Files == nil {
		return source(module)
	}
	b, err := fs.ReadFile(s.Files, module)
	if err != nil {
		return nil, fmt.Errorf("shim %q: module %q: %w", s.Name, module, err)
	}
	return b, nil
}

// ValueUse reports whether a use of the API namespace ("chrome" or
// "browser") whose member chain path ("", "runtime") ends there, a value
// the code goes on with (const api = chrome; const rt = chrome.runtime),
// may reach an API the shim replaces without the replaced expression: path
// is a strict prefix of one, member by member.
func (s Shim) ValueUse(namespace, path string) bool {
	for _, r := range s.Replaces {
		ns, member, _ := strings.Cut(r.API, ".")
		if ns == namespace && member != "" && (path == "" || strings.HasPrefix(member, path+".")) {
			return true
		}
	}
	return false
}

// All returns every shim of webext-shim, in the order their standalone parts
// run: the getBackgroundPage shim first, so that it finds the native objects
// unpatched and the namespace then reads through its patches.
func All() []Shim {
	return []Shim{GetBackgroundPage, BrowserNamespace, ActionRename, GetURLRename, MenusRename, NotificationIcon, CookieGetNull, ScriptingRename, SidebarRename, OffscreenOverBackgroundPage, ActionToBrowserAction, SidePanelOverSidebar}
}

// Covering returns the shims of all that provide feature (a targets feature
// path such as "runtime.getBackgroundPage"), or rename it (on a target that
// has the new name: see Covers).
func Covering(all []Shim, feature string) []Shim {
	var out []Shim
	for _, s := range all {
		renamed := slices.ContainsFunc(s.Renames, func(r Rename) bool { _, ok := cutMember(feature, r.From); return ok })
		if slices.Contains(s.Features, feature) || renamed {
			out = append(out, s)
		}
	}
	return out
}

// providesAPI reports whether some shim provides the API path (such as
// "chrome.runtime.getBackgroundPage") and returns it.
func providesAPI(path string) (Shim, bool) {
	for _, s := range All() {
		if slices.Contains(s.Provides, path) {
			return s, true
		}
	}
	return Shim{}, false
}

// ProvidedAPIs lists every API path some shim of webext-shim provides.
func ProvidedAPIs() []string {
	var out []string
	for _, s := range All() {
		out = append(out, s.Provides...)
	}
	return out
}

// DefaultBackground is the background kind webext-shim's output has on t when
// the source's background is source: Chromium output is always Manifest V3
// with a service worker, Firefox has no extension service workers and runs
// background scripts, Safari keeps the source's kind.
func DefaultBackground(t targets.Target, source BackgroundKind) BackgroundKind {
	if source == BackgroundNone {
		return BackgroundNone
	}
	switch t.Browser.Family {
	case targets.Chromium:
		return BackgroundServiceWorker
	case targets.Gecko:
		return BackgroundPage
	}
	return source
}

// DefaultManifestVersion is the manifest version webext-shim's output has on
// t for a source of version source: 3 for Chromium, the source's for Gecko
// (2 for a range that loads no Manifest V3), for WebKit 3 where every
// version of the range supports it.
func DefaultManifestVersion(t targets.Target, source int) int {
	switch t.Browser.Family {
	case targets.Chromium:
		return 3
	case targets.WebKit:
		if s, err := targets.Lookup(targets.FeatureManifestV3, t); err == nil && s.All {
			return 3
		}
		return 2
	}
	if source == 3 {
		// A Manifest V3 source for a range none of whose versions loads
		// Manifest V3 (Firefox before 109) is built as Manifest V2.
		if s, err := targets.Lookup(targets.FeatureManifestV3, t); err == nil && len(s.Missing) == len(t.Versions) {
			return 2
		}
	}
	return source
}
