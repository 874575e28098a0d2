// probe writes what cookies.get gives for URLs the extension may not read
// cookies of, in both forms.
function describe(cookie) {
  return cookie === null ? "null" : typeof cookie;
}

async function probe() {
  const out = {};
  for (const [name, url] of [["blank", "about:blank"], ["foreign", "https://not-granted.example/"]]) {
    try {
      out[name] = describe(await browser.cookies.get({ url, name: "x" }));
    } catch (error) {
      out[name] = "rejected";
    }
  }
  out.callback = await new Promise((resolve) => {
    chrome.cookies.get({ url: "https://not-granted.example/", name: "x" }, (cookie) => {
      resolve(chrome.runtime.lastError ? "lastError" : describe(cookie));
    });
  });
  return out;
}

probe().then((out) => {
  document.getElementById("out").textContent = JSON.stringify(out);
});
