"""Input and output shapes of the certificates and verification API, one module per group of
views (`certificates/views/`): `holder`, `staff`, `verification`, `templates`; `records` holds
the nested records they share and `documents` the shapes of the JSON documents served as
signed."""
