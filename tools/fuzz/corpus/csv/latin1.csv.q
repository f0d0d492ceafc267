café,naïve
Müller,Straße
