package targets

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
)

//go:embed compat.json
var compatJSON []byte

// Sources records where the embedded tables came from.
type Sources struct {
	// BCD is the version of @mdn/browser-compat-data.
	BCD string `json:"bcd"`
	// ChromeTypes is the version of chrome-types.
	ChromeTypes string `json:"chromeTypes"`
	// Date is the BCD snapshot's date (YYYY-MM-DD); default ranges are
	// counted back from it.
	Date string `json:"date"`
	// ChromeTypesDate is the date chrome-types was generated.
	ChromeTypesDate string `json:"chromeTypesDate"`
}

// Release is one release of a browser, as BCD lists it.
type Release struct {
	Version       string `json:"v"`
	Date          string `json:"date,omitempty"`
	Status        string `json:"status,omitempty"`
	Engine        string `json:"engine,omitempty"`
	EngineVersion string `json:"engineVersion,omitempty"`
}

// Statement is one normalised BCD support statement.
type Statement struct {
	// Added is the normalised version the feature was added in, or
	// "preview" for a feature only in preview builds.
	Added string `json:"added,omitempty"`
	// Approx is set when BCD gave an upper bound ("≤54") or just true.
	Approx bool `json:"approx,omitempty"`
	// Removed is the version the feature was removed in, if any.
	Removed  string   `json:"removed,omitempty"`
	Partial  bool     `json:"partial,omitempty"`
	Prefix   string   `json:"prefix,omitempty"`
	AltName  string   `json:"altName,omitempty"`
	Flags    bool     `json:"flags,omitempty"`
	Unknown  bool     `json:"unknown,omitempty"`
	Notes    []string `json:"notes,omitempty"`
	MV       int      `json:"mv,omitempty"`
	MV3Since string   `json:"mv3Since,omitempty"`
}

// ChromeMember is what chrome-types records about one member of the chrome
// namespace.
type ChromeMember struct {
	// Kind is "namespace", "function", "event" or "property".
	Kind string `json:"kind"`
	// PromiseSince is the first Chrome version whose method returns a
	// promise when called without its callback ("" when it never does).
	PromiseSince    string `json:"promiseSince,omitempty"`
	NoServiceWorker bool   `json:"noServiceWorker,omitempty"`
	Deprecated      string `json:"deprecated,omitempty"`
	DeprecatedSince string `json:"deprecatedSince,omitempty"`
	MinManifest     int    `json:"minManifest,omitempty"`
	MaxManifest     int    `json:"maxManifest,omitempty"`
	// Since is the first Chrome version that has the member ("" when
	// chrome-types does not say).
	Since string `json:"since,omitempty"`
	// MinArgs and MaxArgs bound a function's argument count, its callback
	// left out, over all its overloads.
	MinArgs int `json:"minArgs,omitempty"`
	MaxArgs int `json:"maxArgs,omitempty"`
	// CallbackArgs is the number of parameters of a function's trailing
	// callback, nil when the function takes no callback.
	CallbackArgs *int `json:"callbackArgs,omitempty"`
}

// TakesCallback reports whether the member is a function whose last
// parameter is a completion callback.
func (m ChromeMember) TakesCallback() bool {
	return m.Kind == "function" && m.CallbackArgs != nil
}

type feature struct {
	Support map[string][]Statement `json:"support"`
	// Source is "chrome-types" for a feature browser-compat-data lacks,
	// which the generator made from chrome-types; "" for BCD's.
	Source string `json:"source,omitempty"`
	// NotInChromeTypes is set on a feature BCD lists as a Chrome API and
	// chrome-types (Chrome's Manifest V3 API) does not declare.
	NotInChromeTypes bool `json:"notInChromeTypes,omitempty"`
}

type browserData struct {
	Name     string    `json:"name"`
	Releases []Release `json:"releases"`
}

// table is the decoded compat.json. The features and the chrome-types
// members, most of the file, are decoded one by one on first use: a build
// looks up a few dozen of the thousands, and decoding them all took about as
// long as the rest of a small build.
type table struct {
	Sources  Sources                        `json:"sources"`
	Browsers map[string]browserData         `json:"browsers"`
	Features map[string]*lazy[feature]      `json:"features"`
	Chrome   map[string]*lazy[ChromeMember] `json:"chrome"`

	featureNames []string // sorted keys of Features and the overlay's features
}

// lazy is a JSON value decoded on first use.
type lazy[T any] struct {
	raw  []byte
	once sync.Once
	v    T
	err  error
}

// UnmarshalJSON keeps the value's JSON for get. (The whole document's syntax
// has been checked by then.)
func (l *lazy[T]) UnmarshalJSON(data []byte) error {
	l.raw = append([]byte(nil), data...)
	return nil
}

// get decodes the value once and returns it.
func (l *lazy[T]) get() (T, error) {
	l.once.Do(func() {
		l.err = json.Unmarshal(l.raw, &l.v)
		l.raw = nil
	})
	return l.v, l.err
}

// hasFeature reports whether the tables (not the overlay) have the feature.
func (t *table) hasFeature(name string) bool {
	_, ok := t.Features[name]
	return ok
}

// feature returns the feature's entry; a feature the tables lack has no
// support statements.
func (t *table) feature(name string) (feature, error) {
	l, ok := t.Features[name]
	if !ok {
		return feature{}, nil
	}
	f, err := l.get()
	if err != nil {
		return feature{}, fmt.Errorf("decoding the embedded compat table's feature %q: %w", name, err)
	}
	return f, nil
}

// chrome returns what chrome-types records about the member at path, and
// whether it records anything.
func (t *table) chrome(path string) (ChromeMember, bool, error) {
	l, ok := t.Chrome[path]
	if !ok {
		return ChromeMember{}, false, nil
	}
	m, err := l.get()
	if err != nil {
		return ChromeMember{}, false, fmt.Errorf("decoding the embedded compat table's chrome member %q: %w", path, err)
	}
	return m, true, nil
}

var (
	loadOnce  sync.Once
	loaded    *table
	loadError error
)

// tables decodes the embedded tables once, on first use.
func tables() (*table, error) {
	loadOnce.Do(func() {
		loaded, loadError = decodeTable(compatJSON)
	})
	return loaded, loadError
}

func decodeTable(data []byte) (*table, error) {
	var t table
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("decoding the embedded compat table: %w", err)
	}
	for _, b := range browsers {
		if len(t.Browsers[b.Name].Releases) == 0 {
			return nil, fmt.Errorf("the embedded compat table has no releases of %q", b.Name)
		}
	}
	for name := range t.Features {
		t.featureNames = append(t.featureNames, name)
	}
	for _, f := range overlayFeatures {
		if _, ok := t.Features[f.name]; !ok {
			t.featureNames = append(t.featureNames, f.name)
		}
	}
	sort.Strings(t.featureNames)
	return &t, nil
}

// DataSources returns the provenance of the embedded tables.
func DataSources() (Sources, error) {
	t, err := tables()
	if err != nil {
		return Sources{}, err
	}
	return t.Sources, nil
}

// Releases returns the releases of browser b the tables know, oldest first.
func Releases(b Browser) ([]Release, error) {
	t, err := tables()
	if err != nil {
		return nil, err
	}
	return append([]Release(nil), t.Browsers[b.Name].Releases...), nil
}

// Features returns every feature path the tables know, sorted.
func Features() ([]string, error) {
	t, err := tables()
	if err != nil {
		return nil, err
	}
	return append([]string(nil), t.featureNames...), nil
}

// Chrome returns what chrome-types records about the member at path (for
// example "runtime.getBackgroundPage" or "storage.local.get"), and whether it
// records anything.
func Chrome(path string) (ChromeMember, bool, error) {
	t, err := tables()
	if err != nil {
		return ChromeMember{}, false, err
	}
	return t.chrome(path)
}

// ChromeMembers returns every member path chrome-types records, sorted.
func ChromeMembers() ([]string, error) {
	t, err := tables()
	if err != nil {
		return nil, err
	}
	paths := make([]string, 0, len(t.Chrome))
	for p := range t.Chrome {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths, nil
}
