"Smith, John","He said ""hi""","line one
line two"
plain,"","ends with ""q"""
"tab	here",café,"crlf
inside"
