"""HTTP endpoints of certificates and public verification: thin views over the api, one module
per audience: `holder` (the learner's certificates), `staff` (approvers and the register),
`verification` (public verification, credentials, status lists, the DID document) and
`templates` (institution templates and their preview). `certificates/urls.py` names them."""
