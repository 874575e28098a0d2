// The Chromium service worker: the shim first, then the classic background script.
importScripts("webext-shim.js", "background.js");
