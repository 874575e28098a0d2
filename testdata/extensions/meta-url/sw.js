// The service worker asks the library for the word in its data file.
import { loadWord } from "./lib/words.js";

self.word = loadWord();
