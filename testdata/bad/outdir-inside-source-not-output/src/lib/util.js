var u = 1;
