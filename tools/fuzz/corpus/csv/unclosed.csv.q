ok1,ok2
"never closed,zz
more,stuff
