// The runner should see this exception in the popup context.
throw new Error("errs: popup thrown");
