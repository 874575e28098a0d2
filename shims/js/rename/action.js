// browserAction and pageAction under their Manifest V3 name, action.
//
// Manifest V3 merged the two into action (Chrome's "Migrate to Manifest V3"
// guide; chrome-types declares no browserAction or pageAction). Every method
// and event of browserAction has the same name and shape on action.
// pageAction's show(tabId) and hide(tabId) are action's enable(tabId) and
// disable(tabId); its other members are action's.
import { namespace } from "../namespace/browser.js";

// asPageAction presents an action object as a pageAction.
function asPageAction(action) {
  if (!action) {
    return action;
  }
  return new Proxy(action, {
    get(target, name) {
      if (name === "show") {
        return target.enable;
      }
      if (name === "hide") {
        return target.disable;
      }
      return target[name];
    },
  });
}

export const chromeBrowserAction = /* @__PURE__ */ (() => globalThis.chrome?.action)();
export const chromePageAction = /* @__PURE__ */ (() => asPageAction(globalThis.chrome?.action))();
export const browserBrowserAction = /* @__PURE__ */ (() => namespace?.action)();
export const browserPageAction = /* @__PURE__ */ (() => asPageAction(namespace?.action))();

// The other way, for Manifest V2 output of a Manifest V3 source: action
// under its Manifest V2 name, browserAction, which has the same methods
// and events.
export const chromeAction = /* @__PURE__ */ (() => globalThis.chrome?.browserAction)();
export const browserAction = /* @__PURE__ */ (() => namespace?.browserAction)();
