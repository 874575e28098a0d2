// Chromium's sidePanel over Firefox's sidebarAction: a panel page beside
// the page's content in both. The manifest's side_panel.default_path
// becomes sidebar_action.default_panel (the shim's manifest edits).
//
// setOptions({path, tabId}) sets the panel (per tab where a tabId is
// given, as Firefox can); getOptions resolves {path, enabled}. open() is
// sidebarAction.open(), which Firefox, like Chromium, allows only in
// response to a user action. setPanelBehavior({openPanelOnActionClick})
// opens the sidebar when the toolbar button is clicked (action.onClicked
// fires only for a button without a popup, in both browsers); the choice is
// kept in the extension's localStorage, which its background and pages
// share, so getPanelBehavior answers the same everywhere, as in Chromium.
// setOptions({enabled: false}) has no counterpart: Firefox always offers an
// extension's sidebar.
import { namespace } from "../namespace/browser.js";

const G = globalThis;

// api is the sidebarAction of this context, with promises.
function api() {
  return G.browser?.sidebarAction ?? namespace?.sidebarAction;
}

// relative turns the panel URL Firefox resolves back into the path from the
// extension's root that sidePanel takes.
function relative(url) {
  return String(url).replace(/^[a-z-]+:\/\/[^/]+\//, "");
}

const BEHAVIOR_KEY = "webext-shim:openPanelOnActionClick";
let actionListener = null;

const sidePanel = {
  async setOptions(options = {}) {
    if (options.path !== undefined) {
      const details = { panel: options.path };
      if (options.tabId !== undefined) {
        details.tabId = options.tabId;
      }
      await api().setPanel(details);
    }
  },
  async getOptions(options = {}) {
    const details = options.tabId === undefined ? {} : { tabId: options.tabId };
    return { path: relative(await api().getPanel(details)), enabled: true };
  },
  open() {
    return api().open();
  },
  async setPanelBehavior(behavior = {}) {
    if (behavior.openPanelOnActionClick === undefined) {
      return;
    }
    const openOnActionClick = Boolean(behavior.openPanelOnActionClick);
    G.localStorage?.setItem(BEHAVIOR_KEY, String(openOnActionClick));
    const action = G.browser?.action ?? G.browser?.browserAction;
    if (openOnActionClick && !actionListener && action) {
      actionListener = () => api().open();
      action.onClicked.addListener(actionListener);
    } else if (!openOnActionClick && actionListener && action) {
      action.onClicked.removeListener(actionListener);
      actionListener = null;
    }
  },
  async getPanelBehavior() {
    return { openPanelOnActionClick: G.localStorage?.getItem(BEHAVIOR_KEY) === "true" };
  },
};

export { sidePanel };
