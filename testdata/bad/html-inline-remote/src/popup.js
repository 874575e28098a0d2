console.log("popup");
