// ok
self.x = ;
