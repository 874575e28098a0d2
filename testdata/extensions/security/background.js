// background.js: what getBackgroundPage's fallback must give to the
// extension's own pages only. A call of secret() or a read of secretValue
// from anywhere else is a leak.

var secretValue = "value-9c41e7";

// secretCalls counts the calls of secret(), wherever they came from.
var secretCalls = 0;

function secret() {
  secretCalls++;
  return "secret-5d20b8";
}

// The messages the extension's own listeners saw. The fallback's messages
// never reach runtime.onMessage listeners; onMessageExternal is not the
// fallback's, so what web pages and other extensions send arrives there.
var seen = [];
var seenExternal = [];

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  seen.push(message);
  if (message && message.ping) reply("pong");
});

chrome.runtime.onMessageExternal.addListener((message, sender, reply) => {
  seenExternal.push(message);
  if (message && message.ping) reply("pong from outside");
});
