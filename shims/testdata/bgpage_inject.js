// Inject file of the bundle-mode test (TestJSBundleInject): the client's
// exports under the dotted names esbuild replaces, as the bundler injects them.
export {
  extensionGetBackgroundPage as "chrome.extension.getBackgroundPage",
  extensionGetBackgroundPage as "browser.extension.getBackgroundPage",
  runtimeGetBackgroundPage as "chrome.runtime.getBackgroundPage",
  runtimeGetBackgroundPage as "browser.runtime.getBackgroundPage",
  chromeOnMessage as "chrome.runtime.onMessage",
  browserOnMessage as "browser.runtime.onMessage",
} from "../js/bgpage/client.js";
