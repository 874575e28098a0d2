// The getBackgroundPage shim's part of the standalone script (`webext-shim
// shim`), which is loaded first in every context of an unbundled extension
// (RenderStandalone imports the parts of the included shims in order, this one
// first, so that it finds the natives unpatched). Importing handler.js
// installs the background handler (in the background only, on the still
// unpatched native onMessage); then, in extension pages and the background,
// the native API objects are patched in place: getBackgroundPage (added where
// the namespace lacks it) and runtime.onMessage. Content scripts are left
// alone.
//
// Loading it twice works as loading it once (there is no mark, to save
// bytes): the second copy takes the first copy's replacements for the natives
// and wraps them again, and its handler sees the first one's mark on the
// global and stays out.
import { GBP, NS, inExt } from "./protocol.js";
import { extensionGetBackgroundPage, runtimeGetBackgroundPage, filterEvent } from "./client.js";
import "./handler.js";

for (const n of inExt() ? NS : [])
  if (n) {
    const { extension: x, runtime: r } = n;
    x && (x[GBP] = extensionGetBackgroundPage);
    r[GBP] = runtimeGetBackgroundPage;
    filterEvent(r.onMessage);
  }
