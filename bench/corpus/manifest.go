package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/webext-shim/webext-shim/bundle"
	"github.com/webext-shim/webext-shim/internal/jsonc"
)

// Manifest is what the runner reads from an extension's manifest.json.
type Manifest struct {
	// Version is manifest_version.
	Version int `json:"manifestVersion"`
	// Name is the name as written (possibly a __MSG_ key).
	Name string `json:"name"`
	// Background is "service worker", "scripts", "page" or "none".
	Background string `json:"background"`
	// BackgroundScripts are the background scripts or the service worker.
	BackgroundScripts []string `json:"backgroundScripts,omitempty"`
	// Pages are the pages the manifest names, which the runner opens.
	Pages []Page `json:"pages,omitempty"`
	// Permissions are the (required) permissions named by a string.
	Permissions []string `json:"permissions,omitempty"`
	// GeckoID is browser_specific_settings.gecko.id (or applications.gecko.id).
	GeckoID string `json:"geckoId,omitempty"`
}

// Page is a page of the extension that the manifest names.
type Page struct {
	// Role says where the manifest names it: "popup", "options",
	// "sidebar", "side panel" or "override newtab" (and the other
	// overrides).
	Role string `json:"role"`
	// Path is the page's path inside the extension, without a query or
	// fragment.
	Path string `json:"path"`
}

// rawManifest is the part of manifest.json the runner reads.
type rawManifest struct {
	ManifestVersion *int   `json:"manifest_version"`
	Name            string `json:"name"`
	Background      *struct {
		ServiceWorker string   `json:"service_worker"`
		Scripts       []string `json:"scripts"`
		Page          string   `json:"page"`
	} `json:"background"`
	Action        *popupHolder           `json:"action"`
	BrowserAction *popupHolder           `json:"browser_action"`
	PageAction    *popupHolder           `json:"page_action"`
	OptionsUI     *struct{ Page string } `json:"options_ui"`
	OptionsPage   string                 `json:"options_page"`
	SidebarAction *struct {
		DefaultPanel string `json:"default_panel"`
	} `json:"sidebar_action"`
	SidePanel *struct {
		DefaultPath string `json:"default_path"`
	} `json:"side_panel"`
	ChromeURLOverrides map[string]string `json:"chrome_url_overrides"`
	Permissions        []json.RawMessage `json:"permissions"`
	BrowserSpecific    *geckoHolder      `json:"browser_specific_settings"`
	Applications       *geckoHolder      `json:"applications"`
}

type popupHolder struct {
	DefaultPopup string `json:"default_popup"`
}

type geckoHolder struct {
	Gecko struct {
		ID string `json:"id"`
	} `json:"gecko"`
}

// errNotExtension is the error of a manifest.json without manifest_version.
var errNotExtension = errors.New("no manifest_version: not an extension manifest")

// ReadManifest reads dir/manifest.json (comments allowed). It fails when the
// file is not an extension manifest: one without manifest_version, such as a
// web app manifest.
func ReadManifest(dir string) (Manifest, error) {
	path := filepath.Join(dir, bundle.ManifestFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return Manifest{}, err
	}
	v, err := jsonc.Parse(data)
	if err != nil {
		return Manifest{}, fmt.Errorf("reading %q: %w", path, err)
	}
	var raw rawManifest
	if err := json.Unmarshal(v.Encode(), &raw); err != nil {
		return Manifest{}, fmt.Errorf("reading %q: %w", path, err)
	}
	if raw.ManifestVersion == nil {
		return Manifest{}, fmt.Errorf("reading %q: %w", path, errNotExtension)
	}
	m := Manifest{Version: *raw.ManifestVersion, Name: raw.Name, Background: "none"}
	if b := raw.Background; b != nil {
		switch {
		case b.ServiceWorker != "" && len(b.Scripts) == 0:
			m.Background, m.BackgroundScripts = "service worker", []string{b.ServiceWorker}
		case len(b.Scripts) > 0:
			m.Background, m.BackgroundScripts = "scripts", b.Scripts
			if b.ServiceWorker != "" {
				m.Background = "service worker and scripts"
			}
		case b.Page != "":
			m.Background, m.BackgroundScripts = "page", []string{b.Page}
		}
	}
	add := func(role, p string) {
		p, _, _ = strings.Cut(p, "#")
		p, _, _ = strings.Cut(p, "?")
		p = strings.TrimPrefix(p, "/")
		if p == "" || strings.Contains(p, "://") {
			return
		}
		pg := Page{Role: role, Path: p}
		if !slices.Contains(m.Pages, pg) {
			m.Pages = append(m.Pages, pg)
		}
	}
	for _, h := range []*popupHolder{raw.Action, raw.BrowserAction, raw.PageAction} {
		if h != nil {
			add("popup", h.DefaultPopup)
		}
	}
	if raw.OptionsUI != nil {
		add("options", raw.OptionsUI.Page)
	}
	add("options", raw.OptionsPage)
	if raw.SidebarAction != nil {
		add("sidebar", raw.SidebarAction.DefaultPanel)
	}
	if raw.SidePanel != nil {
		add("side panel", raw.SidePanel.DefaultPath)
	}
	keys := make([]string, 0, len(raw.ChromeURLOverrides))
	for k := range raw.ChromeURLOverrides {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		add("override "+k, raw.ChromeURLOverrides[k])
	}
	for _, p := range raw.Permissions {
		var s string
		if json.Unmarshal(p, &s) == nil {
			m.Permissions = append(m.Permissions, s)
		}
	}
	for _, g := range []*geckoHolder{raw.BrowserSpecific, raw.Applications} {
		if g != nil && g.Gecko.ID != "" && m.GeckoID == "" {
			m.GeckoID = g.Gecko.ID
		}
	}
	return m, nil
}
