import { ping } from "./sw.js";
export function pong(n) { return n > 0 ? ping(n - 1) : "pong"; }
