"""HTTP endpoints of courses: thin views over the api, one module per audience: `catalog` (the
public catalog, course pages, institution pages, the competency framework), `authoring`
(institution staff: their courses, packages and archives in and out), `review` (the workflow,
the diff and review comments) and `resources` (uploaded files). `courses/urls.py` names them."""
