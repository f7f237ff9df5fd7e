"""Input and output shapes of the catalog and authoring API, one module per group of views
(`courses/views/`): `catalog`, `authoring`, `review`, `files`; `package` holds the course
package's shape (for the schema) and the answer that refuses one."""
