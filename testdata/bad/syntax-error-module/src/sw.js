import { a } from "./lib/a.js";
self.a = a;
