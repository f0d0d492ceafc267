red
green
blue
cyan
plum
