"""HTTP endpoints of enrollment, thin views over `enrollment.api`, one module per audience:
`enrollments` and `learning` (learners), `staff` (a course's and an institution's staff),
`statements` (the xAPI export)."""
