// The background script that exists: it runs although the one before it
// does not exist and the first one does not parse.
var ready = "the background ran";
