// Another sidebar page, set at run time.
document.getElementById("out").textContent = JSON.stringify({ panel: "other" });
