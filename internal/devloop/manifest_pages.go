package devloop

import (
	"encoding/json"
	"fmt"
	"strings"
)

// pageOf returns the path of the page which ("popup" or "options") that the
// output manifest raw declares: the action's (or browser_action's, or
// page_action's) default_popup, or options_ui.page (or options_page).
func pageOf(raw []byte, which string) (string, error) {
	var m struct {
		Action struct {
			DefaultPopup string `json:"default_popup"`
		} `json:"action"`
		BrowserAction struct {
			DefaultPopup string `json:"default_popup"`
		} `json:"browser_action"`
		PageAction struct {
			DefaultPopup string `json:"default_popup"`
		} `json:"page_action"`
		OptionsUI struct {
			Page string `json:"page"`
		} `json:"options_ui"`
		OptionsPage string `json:"options_page"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return "", fmt.Errorf("reading the output manifest: %w", err)
	}
	var candidates []string
	switch which {
	case "popup":
		candidates = []string{m.Action.DefaultPopup, m.BrowserAction.DefaultPopup, m.PageAction.DefaultPopup}
	case "options":
		candidates = []string{m.OptionsUI.Page, m.OptionsPage}
	default:
		return "", fmt.Errorf("no page %q: open popup or options", which)
	}
	for _, c := range candidates {
		if c != "" {
			return strings.TrimPrefix(c, "/"), nil
		}
	}
	return "", fmt.Errorf("the manifest declares no %s page", which)
}
