import { pong } from "./pong.js";
export function ping(n) { return n > 0 ? pong(n - 1) : "ping"; }
self.result = ping(3);
