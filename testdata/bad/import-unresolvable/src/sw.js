import { a } from "./missing.js";
import lodash from "lodash";
self.x = [a, lodash];
