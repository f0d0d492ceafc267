r0c0,r0c1
r1c0,r1c1
r2c0,r2c1
