x1

x3
