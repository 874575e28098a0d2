self.x = ;
