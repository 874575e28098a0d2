// Firefox's menus namespace under Chromium's name, contextMenus.
//
// The two share create, update, remove, removeAll, onClicked and
// ACTION_MENU_TOP_LEVEL_LIMIT. Chromium refuses properties it does not know
// ("Unexpected property"), so create() and update() leave out the ones only
// Firefox has (icons, command, viewTypes; the build warns at the call) and
// the contexts only Firefox has (bookmark, password, tab, tools_menu). An
// item left with no context Chromium has is created hidden, so that later
// update() and remove() calls still find it; update() of an id that names
// no item resolves, as in Firefox. Manifest V3 calls the
// browser_action and page_action contexts action.
import { namespace } from "../namespace/browser.js";

const firefoxOnlyProperties = ["icons", "command", "viewTypes"];
const firefoxOnlyContexts = ["bookmark", "password", "tab", "tools_menu"];

// chromiumProperties returns the create or update properties Chromium takes.
function chromiumProperties(properties) {
  if (typeof properties !== "object" || properties === null) {
    return properties;
  }
  const out = { ...properties };
  for (const name of firefoxOnlyProperties) {
    delete out[name];
  }
  if (Array.isArray(out.contexts)) {
    const contexts = [];
    for (const context of out.contexts) {
      const renamed = context === "browser_action" || context === "page_action" ? "action" : context;
      if (!firefoxOnlyContexts.includes(renamed) && !contexts.includes(renamed)) {
        contexts.push(renamed);
      }
    }
    if (contexts.length === 0) {
      contexts.push("page");
      out.visible = false;
    }
    out.contexts = contexts;
  }
  return out;
}

// ignoreUnknownItem resolves the promise of an update() whose item does not
// exist, as Firefox does (it updates the item if there is one, and resolves
// either way; extensions call update() with an unused id to detect support
// for a property). Chromium rejects: "Cannot find menu item with id ...".
function ignoreUnknownItem(result) {
  if (!result || typeof result.catch !== "function") {
    return result;
  }
  return result.catch((error) => {
    if (/^Cannot find menu item/.test(error?.message ?? "")) {
      return undefined;
    }
    throw error;
  });
}

// asMenus presents Chromium's contextMenus as Firefox's menus.
function asMenus(contextMenus) {
  if (!contextMenus) {
    return contextMenus;
  }
  return new Proxy(contextMenus, {
    get(target, name) {
      if (name === "create") {
        return (properties, ...rest) => target.create(chromiumProperties(properties), ...rest);
      }
      if (name === "update") {
        return (id, properties, ...rest) => ignoreUnknownItem(target.update(id, chromiumProperties(properties), ...rest));
      }
      return target[name];
    },
  });
}

export const chromeMenus = /* @__PURE__ */ (() => asMenus(globalThis.chrome?.contextMenus))();
export const browserMenus = /* @__PURE__ */ (() => asMenus(namespace?.contextMenus))();
