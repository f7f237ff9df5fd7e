"""The public door of `programs` (see programs/README.md): authoring, the catalog and a
learner's progress, completion and program credentials. Each function lives in a module of its
own concern."""

from programs.authoring import (
    EDITOR_ROLES,
    MAX_COURSES,
    PUBLISHER_ROLES,
    STAFF_ROLES,
    create_program,
    get_program_for_staff,
    list_programs_for_staff,
    publish_program,
    retire_program,
    set_program_courses,
    update_program,
)
from programs.completion import (
    ProgramCredential,
    complete_programs_for_certificate,
    issue_program_credential,
    list_program_credentials_for_user,
    read_program_credential_pdf,
)
from programs.progress import COURSE_STATUSES, CourseStep, Progress, evaluate_progress
from programs.selectors import (
    ProgramCourseView,
    ProgramPage,
    get_program_page,
    list_published_programs,
    program_texts,
)
from programs.signals import program_completed

__all__ = [
    "COURSE_STATUSES",
    "EDITOR_ROLES",
    "MAX_COURSES",
    "PUBLISHER_ROLES",
    "STAFF_ROLES",
    "CourseStep",
    "ProgramCourseView",
    "ProgramCredential",
    "ProgramPage",
    "Progress",
    "complete_programs_for_certificate",
    "create_program",
    "evaluate_progress",
    "get_program_for_staff",
    "get_program_page",
    "issue_program_credential",
    "list_program_credentials_for_user",
    "list_programs_for_staff",
    "list_published_programs",
    "program_completed",
    "program_texts",
    "publish_program",
    "read_program_credential_pdf",
    "retire_program",
    "set_program_courses",
    "update_program",
]
