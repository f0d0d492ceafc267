id,label
1,first
2,second
