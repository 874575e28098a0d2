// Firefox's sidebarAction over Chromium's sidePanel: a panel page beside the
// page's content in both. The manifest's sidebar_action.default_panel
// becomes side_panel.default_path (the shim's manifest edits).
//
// setPanel({panel, tabId}) is sidePanel.setOptions({path, tabId}); a null
// panel restores the manifest's default. getPanel({tabId}) resolves the
// panel's URL, as Firefox's does. open() is sidePanel.open for the current
// window; both browsers require a user action for it. Firefox's per-window
// panels (windowId) have no counterpart: a windowId is ignored. Members
// Chromium has no counterpart for (close, toggle, isOpen, setTitle,
// setIcon, ...) are reported by the build where they are used.
import { namespace } from "../namespace/browser.js";

// panelPath turns a panel URL or path, relative to the extension's root,
// into the path sidePanel takes.
function panelPath(panel) {
  return String(panel).replace(/^[a-z-]+:\/\/[^/]+/, "").replace(/^\//, "");
}

// defaultPath is the manifest's panel.
function defaultPath() {
  return globalThis.chrome.runtime.getManifest().side_panel?.default_path;
}

function asSidebarAction(sidePanel) {
  if (!sidePanel) {
    return sidePanel;
  }
  return {
    setPanel(details = {}) {
      const path = details.panel === null || details.panel === undefined ? defaultPath() : panelPath(details.panel);
      const options = { path };
      if (details.tabId !== undefined) {
        options.tabId = details.tabId;
      }
      return sidePanel.setOptions(options);
    },
    async getPanel(details = {}) {
      const options = await sidePanel.getOptions(details.tabId === undefined ? {} : { tabId: details.tabId });
      return globalThis.chrome.runtime.getURL(options.path ?? defaultPath() ?? "");
    },
    open() {
      return sidePanel.open({ windowId: globalThis.chrome.windows?.WINDOW_ID_CURRENT ?? -2 });
    },
  };
}

export const chromeSidebarAction = /* @__PURE__ */ (() => asSidebarAction(globalThis.chrome?.sidePanel))();
export const browserSidebarAction = /* @__PURE__ */ (() => asSidebarAction(namespace?.sidePanel ?? globalThis.chrome?.sidePanel))();
