"""The public door of `practices` (see practices/README.md): the best-practice library's
authoring, review and public reads."""

from practices.authoring import (
    add_attachment,
    create_case_study,
    get_case_study_for_member,
    list_case_studies_for_member,
    open_attachment_file,
    update_case_study,
)
from practices.library import (
    case_study_texts,
    filter_by_competency,
    filter_by_standard,
    get_published_case_study,
    linked_course_rows,
    published_case_studies,
    search_case_studies,
    served_language,
)
from practices.workflow import (
    TRANSITIONS,
    allowed_actions,
    has_worked_on_case_study,
    transition_case_study,
)

__all__ = [
    "TRANSITIONS",
    "add_attachment",
    "allowed_actions",
    "case_study_texts",
    "create_case_study",
    "filter_by_competency",
    "filter_by_standard",
    "get_case_study_for_member",
    "get_published_case_study",
    "has_worked_on_case_study",
    "linked_course_rows",
    "list_case_studies_for_member",
    "open_attachment_file",
    "published_case_studies",
    "search_case_studies",
    "served_language",
    "transition_case_study",
    "update_case_study",
]
