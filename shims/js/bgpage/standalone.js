// The getBackgroundPage shim's part of the standalone script (`webext-shim
// shim`), which is loaded first in every context of an unbundled extension
// (RenderStandalone imports the parts of the included shims in order, this one
// first, so that it finds the natives unpatched). Importing handler.js
// installs the background handler (in the background only, on the still
// unpatched native onMessage); then patch.js patches the native API objects
// in place. Loading the script twice works as loading it once, without a
// mark of its own: the second copy's handler sees the first one's KEY on the
// global and stays out, and see patch.js.
import "./handler.js";
import "./patch.js";
