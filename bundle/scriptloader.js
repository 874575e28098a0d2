// The background scripts, loaded one by one in order, as the source's
// background page ran its <script> tags: an error in one (a syntax error,
// an exception at its top level, a file that is missing) is reported as
// uncaught, and the scripts after it still run. A single importScripts call
// for all of them would stop at the first error, and Chromium would not
// register the service worker at all.
for (const script of SCRIPTS) {
  try {
    importScripts(script);
  } catch (error) {
    reportError(error);
  }
}
