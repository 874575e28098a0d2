// The runner should see this console.error in the background context.
console.error("errs: background boom");
