self.ok = 1;
