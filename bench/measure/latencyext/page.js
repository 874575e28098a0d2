// page.js of the latency benchmark's extension: measure(kind, n, warmup)
// makes warmup untimed calls, then n sequential timed calls, and returns
// {times, total, resolution}: each call's duration, the whole loop's and the
// smallest nonzero step of performance.now(), all in milliseconds.
//   kind "fallback": await page.fn(), page from getBackgroundPage(), which on
//                    a service-worker background is the shim's handle;
//   kind "floor":    await chrome.runtime.sendMessage({type: "floor"}),
//                    answered at once by the background's own listener.
const page = chrome.extension.getBackgroundPage();

const calls = {
  fallback: () => page.fn(),
  floor: () => chrome.runtime.sendMessage({ type: "floor" }),
};

function resolution() {
  let step = Infinity;
  for (let i = 0; i < 200; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    step = Math.min(step, b - a);
  }
  return step;
}

async function measure(kind, n, warmup) {
  const call = calls[kind];
  if (!call) throw new Error("unknown kind " + kind);
  for (let i = 0; i < warmup; i++) {
    await call();
  }
  const times = new Array(n);
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const v = await call();
    times[i] = performance.now() - t0;
    if (v !== 1) throw new Error(kind + " call " + i + " returned " + JSON.stringify(v));
  }
  const total = performance.now() - start;
  return { times, total, resolution: resolution() };
}
