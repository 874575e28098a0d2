// The getBackgroundPage shim's part of the standalone script (`webext-shim
// shim`), which is loaded first in every context of an unbundled extension
// (RenderStandalone imports the parts of the included shims in order, this one
// first, so that it finds the natives unpatched). Importing handler.js
// installs the background handler (in the background only, on the still
// unpatched native onMessage); then, in extension pages and the background,
// the native API objects are patched in place. Content scripts are left alone.
// Loading it twice changes nothing: patched functions and events carry KEY.
import { KEY, GBP, NS, inExt } from "./protocol.js";
import { extensionGetBackgroundPage, runtimeGetBackgroundPage, filterEvent } from "./client.js";
import "./handler.js";

// patch makes o.getBackgroundPage f, keeping the native (or 0) under KEY,
// unless it already is a wrapper (a second load, or Firefox MV3's
// browser.extension === chrome.extension).
const patch = (o, f, n = o?.[GBP]) => o && n?.[KEY] === undefined && ((o[GBP] = f.bind())[KEY] = n || 0);

if (inExt())
  for (const n of NS) {
    patch(n?.extension, extensionGetBackgroundPage);
    patch(n?.runtime, runtimeGetBackgroundPage);
    const ev = n?.runtime?.onMessage;
    ev && (ev[KEY] ||= Object.assign(ev, filterEvent(ev)));
  }
