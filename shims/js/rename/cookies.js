// Firefox's cookies.get for a URL the extension cannot read cookies of, on
// Chromium. Firefox resolves null when the URL is not one the extension has
// host permission for, or not a URL at all (about:blank, an extension page,
// the "" of a tab still loading): there is no cookie it may see. Chromium
// rejects instead ("No host permissions for cookies at url: ...", "Invalid
// url: ..."), which Firefox-first code, written to test the result for
// null, leaves unhandled. get() here resolves null in those two cases, in
// the promise and the callback forms; every other error stays an error.
import { namespace } from "../namespace/browser.js";

// noCookieFor tells the errors that mean "no cookie this extension may see".
const noCookieFor = /^(No host permissions for cookies at url|Invalid url)/;

// readsNoCookie reports whether error is one of them.
function readsNoCookie(error) {
  return noCookieFor.test(error?.message ?? "");
}

// withNullForForeignURLs presents Chromium's cookies with Firefox's get().
function withNullForForeignURLs(cookies) {
  if (!cookies) {
    return cookies;
  }
  return new Proxy(cookies, {
    get(target, name) {
      if (name !== "get") {
        return target[name];
      }
      return (details, callback) => {
        if (typeof callback === "function") {
          return target.get(details, (cookie) => {
            // Reading lastError marks it checked. Chromium clears it once
            // this callback and the microtasks it queued have run: the
            // caller's callback runs a task later, with null and no error,
            // as in Firefox.
            const error = globalThis.chrome?.runtime?.lastError;
            if (error && readsNoCookie(error)) {
              setTimeout(() => callback(null), 0);
            } else {
              callback(cookie);
            }
          });
        }
        return target.get(details).catch((error) => {
          if (readsNoCookie(error)) {
            return null;
          }
          throw error;
        });
      };
    },
  });
}

export const chromeCookies = /* @__PURE__ */ (() => withNullForForeignURLs(globalThis.chrome?.cookies))();
export const browserCookies = /* @__PURE__ */ (() => withNullForForeignURLs(namespace?.cookies))();
