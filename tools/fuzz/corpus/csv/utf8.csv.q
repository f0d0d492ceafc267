Zoë,Ürümqi,日本語
Ølaf,Ångström,€uro
