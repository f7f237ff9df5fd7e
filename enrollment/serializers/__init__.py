"""Input and output shapes of the enrollment API, one module per audience: `enrollments` and
`learning` (learners), `staff` (a course's and an institution's staff), `statements` (the xAPI
export)."""
