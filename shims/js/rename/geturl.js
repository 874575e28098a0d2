// extension.getURL under its Manifest V3 name, runtime.getURL, which takes
// the same path and returns the same URL (Chrome removed extension.getURL
// from Manifest V3; chrome-types declares no such member).
import { namespace } from "../namespace/browser.js";

export const chromeGetURL = /* @__PURE__ */ (() => globalThis.chrome?.runtime?.getURL)();
export const browserGetURL = /* @__PURE__ */ (() => namespace?.runtime?.getURL)();
