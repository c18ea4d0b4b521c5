module example.com/m/nested
