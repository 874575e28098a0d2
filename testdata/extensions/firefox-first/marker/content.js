// A content script written as a module: webext-shim bundles it, with what
// it imports, into one classic script.
import { mark } from "./mark.js";

mark(document.body, browser.runtime.getURL("popup.html"));
