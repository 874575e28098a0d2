// A page in a frame of the popup: it runs the checks and reports.
report("frame");
