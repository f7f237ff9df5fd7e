"""The public door of `seats`: employer seat pools, assigning seats from CSV, learners'
consent, what employers see, and the monthly report. Each function lives in a module of its
own concern (see seats/README.md); views, tasks, admin and other apps import only this one."""

from seats.access import get_employer_for_admin, get_pool_for_admin
from seats.assigning import (
    ALREADY_ASSIGNED,
    ASSIGNED,
    INVALID_EMAIL,
    NO_SEATS_LEFT,
    assign_seats_from_csv,
    course_title,
    release_seat,
    target_title,
)
from seats.consent import decide_consent, list_seats_for_learner
from seats.csv_upload import CSV_MAX_BYTES, CSV_MAX_ROWS
from seats.learners import LearnerProgress, list_pool_learners, progress_for, visible_learner_ids
from seats.pools import check_seat_pool, grant_seat_pool, list_pools_for_admin
from seats.program_progress import LearnerProgramProgress, program_progress_for
from seats.reports import (
    ReportFile,
    parse_month,
    report_csv_for_admin,
    seat_report_csv,
    send_monthly_seat_reports,
)

__all__ = [
    "ALREADY_ASSIGNED",
    "ASSIGNED",
    "CSV_MAX_BYTES",
    "CSV_MAX_ROWS",
    "INVALID_EMAIL",
    "NO_SEATS_LEFT",
    "LearnerProgramProgress",
    "LearnerProgress",
    "ReportFile",
    "assign_seats_from_csv",
    "check_seat_pool",
    "course_title",
    "decide_consent",
    "get_employer_for_admin",
    "get_pool_for_admin",
    "grant_seat_pool",
    "list_pool_learners",
    "list_pools_for_admin",
    "list_seats_for_learner",
    "parse_month",
    "program_progress_for",
    "progress_for",
    "release_seat",
    "report_csv_for_admin",
    "seat_report_csv",
    "send_monthly_seat_reports",
    "target_title",
    "visible_learner_ids",
]
