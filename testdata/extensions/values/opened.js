// A page opened at run time (tabs.create): it runs the checks and reports.
report("tab");
