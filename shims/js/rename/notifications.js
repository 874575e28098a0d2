// Firefox's notifications.create, which takes a notification without an
// icon, on Chromium, which requires one for every type ("Some of the
// required properties are missing: type, iconUrl, title and message.").
// create() gives a notification that has no iconUrl the extension's largest
// manifest icon, or, when the manifest has none, a transparent one-pixel
// image: Firefox shows such a notification without an icon.
import { namespace } from "../namespace/browser.js";

// transparentPixel is a 1x1 PNG whose one pixel is transparent.
const transparentPixel =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4nGNgAAIAAAUAAXpeqz8AAAAASUVORK5CYII=";

// defaultIcon is the URL of the extension's largest manifest icon.
function defaultIcon() {
  const runtime = globalThis.chrome?.runtime;
  const icons = runtime?.getManifest?.().icons ?? {};
  let best = 0;
  for (const size of Object.keys(icons)) {
    if (Number(size) > best) {
      best = Number(size);
    }
  }
  return best > 0 ? runtime.getURL(icons[String(best)]) : transparentPixel;
}

// withIcon returns the options with an iconUrl.
function withIcon(options) {
  if (typeof options !== "object" || options === null || options.iconUrl !== undefined) {
    return options;
  }
  return { ...options, iconUrl: defaultIcon() };
}

// withIcons presents Chromium's notifications with Firefox's create().
function withIcons(notifications) {
  if (!notifications) {
    return notifications;
  }
  return new Proxy(notifications, {
    get(target, name) {
      if (name === "create") {
        // create([notificationId,] options [, callback])
        return (...args) => {
          const at = typeof args[0] === "object" && args[0] !== null ? 0 : 1;
          args[at] = withIcon(args[at]);
          return target.create(...args);
        };
      }
      return target[name];
    },
  });
}

export const chromeNotifications = /* @__PURE__ */ (() => withIcons(globalThis.chrome?.notifications))();
export const browserNotifications = /* @__PURE__ */ (() => withIcons(namespace?.notifications))();
