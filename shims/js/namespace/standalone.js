// The browser namespace's part of the standalone script (`webext-shim shim`):
// defines globalThis.browser where this context has none. Loaded after the
// getBackgroundPage shim's part, which patches the native chrome.* objects the
// namespace reads through.
import { namespace } from "./browser.js";

if (!globalThis.browser) globalThis.browser = namespace;
