// The sidebar's page: it shows which extension it belongs to.
document.getElementById("out").textContent = JSON.stringify({ panel: "notes", id: typeof browser.runtime.id });
