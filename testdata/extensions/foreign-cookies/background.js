// The background reads one cookie at start, as Firefox-first code does on
// tab switches, without a catch: in Firefox the URL it may not read gives
// null.
browser.cookies.get({ url: "about:blank", name: "theme" }).then((cookie) => {
  console.log("theme cookie", cookie);
});
