// tabs.executeScript, insertCSS and removeCSS over Manifest V3's scripting
// API (chrome-types declares none of the three for Manifest V3; the
// scripting methods and their InjectionTarget are Chrome's documented
// replacements).
//
// The old calls take (tabId?, details, callback?); tabId defaults to the
// active tab of the current window. details.file, allFrames, frameId and
// runAt ("document_start" injects immediately) map onto the scripting
// call; details.code for CSS becomes css. executeScript resolves the
// results of the frames, as the old call did, not scripting's
// {frameId, result} records. A code string for executeScript cannot run in
// Manifest V3 (the build reports each such call as an error): the call
// rejects with that reason.
//
// With a callback, the callback gets the result; on failure it gets
// undefined and the error is logged, since runtime.lastError cannot be set
// from here.

// split reads the old calls' arguments.
function split(args) {
  let [tabId, details, callback] = args;
  if (typeof tabId === "object" && tabId !== null) {
    callback = details;
    details = tabId;
    tabId = undefined;
  }
  return { tabId, details: details ?? {}, callback: typeof callback === "function" ? callback : undefined };
}

// injectionTarget is the scripting target of the old call's tab and frames.
async function injectionTarget(tabId, details) {
  if (tabId === undefined || tabId === null) {
    const [tab] = await globalThis.chrome.tabs.query({ active: true, currentWindow: true });
    if (!tab) {
      throw new Error("no active tab to inject into");
    }
    tabId = tab.id;
  }
  const target = { tabId };
  if (details.allFrames) {
    target.allFrames = true;
  } else if (details.frameId !== undefined) {
    target.frameIds = [details.frameId];
  }
  return target;
}

// extensionPath turns a file, relative to the calling page as the old API
// took it, into a path from the extension's root, as scripting takes it.
function extensionPath(file) {
  return new URL(file, globalThis.location.href).pathname.replace(/^\//, "");
}

// settle returns the promise, or hands its result to the callback.
function settle(promise, callback) {
  if (!callback) {
    return promise;
  }
  promise.then(callback, (error) => {
    console.error(error);
    callback(undefined);
  });
  return undefined;
}

export function executeScript(...args) {
  const { tabId, details, callback } = split(args);
  const run = async () => {
    if (details.code !== undefined) {
      throw new Error("tabs.executeScript: a code string cannot run in Manifest V3; move the code into a file");
    }
    const results = await globalThis.chrome.scripting.executeScript({
      target: await injectionTarget(tabId, details),
      files: [extensionPath(details.file)],
      injectImmediately: details.runAt === "document_start",
    });
    return results.map((r) => r.result);
  };
  return settle(run(), callback);
}

// cssInjection is the scripting.insertCSS/removeCSS argument of an old call.
async function cssInjection(tabId, details) {
  const injection = { target: await injectionTarget(tabId, details) };
  if (details.file !== undefined) {
    injection.files = [extensionPath(details.file)];
  } else {
    injection.css = details.code;
  }
  if (details.cssOrigin === "user") {
    injection.origin = "USER";
  }
  return injection;
}

export function insertCSS(...args) {
  const { tabId, details, callback } = split(args);
  const run = async () => {
    await globalThis.chrome.scripting.insertCSS(await cssInjection(tabId, details));
  };
  return settle(run(), callback);
}

export function removeCSS(...args) {
  const { tabId, details, callback } = split(args);
  const run = async () => {
    await globalThis.chrome.scripting.removeCSS(await cssInjection(tabId, details));
  };
  return settle(run(), callback);
}
