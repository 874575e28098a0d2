import { secret } from "../outside.js";
self.secret = secret;
