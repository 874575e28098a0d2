importScripts("../x.js");
