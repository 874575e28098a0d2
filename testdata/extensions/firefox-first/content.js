// Injected by tabs.executeScript: marks the page and returns its title.
document.body.dataset.injected = "yes";
document.title;
