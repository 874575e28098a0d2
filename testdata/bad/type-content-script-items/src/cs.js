document.body.dataset.x = "1";
