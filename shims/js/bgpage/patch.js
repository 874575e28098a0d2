// Patches the native API objects of an extension page or the background in
// place (content scripts are left alone): getBackgroundPage, added where the
// namespace lacks it, and runtime.onMessage, whose listeners then never see
// the fallback's messages, however the code reaches them. The standalone
// script runs it in every context; a build adds it where the extension's
// code reaches the APIs through values (const api = chrome), which the
// replacements of API expressions do not see. Run twice, it works as once:
// the second run takes the first one's replacements for the natives and
// wraps them again.
import { namespaces, inExtension } from "./protocol.js";
import { extensionGetBackgroundPage, runtimeGetBackgroundPage, filterEvent } from "./client.js";

if (inExtension()) {
  for (const api of namespaces) {
    if (!api) continue;
    if (api.extension) api.extension.getBackgroundPage = extensionGetBackgroundPage;
    api.runtime.getBackgroundPage = runtimeGetBackgroundPage;
    filterEvent(api.runtime.onMessage);
  }
}
