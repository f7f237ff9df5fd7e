"""Security tests: API fuzzing against the schema, the authorization table, hostile input."""
