// Latin-1
self.greeting = "café";
