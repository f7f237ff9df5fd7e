"""The public door of `enrollment`: enrolling, learning events, quiz attempts, completion,
progress, xAPI statements, staff analytics, bulk enrolment and invitations. Every function
lives in a module of its own concern (see enrollment/README.md); other apps, views,
serializers and commands import only this module (and `enrollment.models`)."""

from enrollment.analytics import course_analytics, institution_analytics
from enrollment.analytics_csv import CsvFile, course_analytics_csv, institution_analytics_csv
from enrollment.bulk import CSV_MAX_BYTES, CSV_MAX_ROWS, bulk_enroll
from enrollment.completion import (
    completed_enrollments,
    get_completed_enrollment,
    record_prior_learning,
)
from enrollment.enrolling import enroll, move_to_current_version, unenroll
from enrollment.events import record_event
from enrollment.invitations import (
    accept_invitation,
    get_invitation,
    invitation_state,
    invitation_token,
    list_pending_invitations,
    withdraw_invitation,
)
from enrollment.lrs_copy import (
    copy_events_to_lrs,
    restart_lrs_copy,
    skip_lrs_copy_of_stored_events,
)
from enrollment.package_commits import commit_package_data
from enrollment.package_launch import (
    LaunchRefusedError,
    PackageLaunch,
    fetch_cmi5_token,
    launch_package,
    open_launch_file,
    player_config,
    resolve_launch,
)
from enrollment.package_runtime import COMMIT_NOT_JSON, CmiRefusedError, commit_error_code
from enrollment.quizzes import start_quiz_attempt
from enrollment.reading import get_lesson_content, get_progress, progress_cache_names
from enrollment.resources import open_resource_file
from enrollment.selectors import (
    enrollment_state,
    get_enrollment_for_user,
    list_enrollments,
    waitlist_positions,
)
from enrollment.signals import enrollment_completed
from enrollment.statements import list_course_statements, list_statements
from enrollment.videos import open_video_file

# Grouped by concern in the imports above and in enrollment/README.md.
__all__ = [
    "COMMIT_NOT_JSON",
    "CSV_MAX_BYTES",
    "CSV_MAX_ROWS",
    "CmiRefusedError",
    "CsvFile",
    "LaunchRefusedError",
    "PackageLaunch",
    "accept_invitation",
    "bulk_enroll",
    "commit_error_code",
    "commit_package_data",
    "completed_enrollments",
    "copy_events_to_lrs",
    "course_analytics",
    "course_analytics_csv",
    "enroll",
    "enrollment_completed",
    "enrollment_state",
    "fetch_cmi5_token",
    "get_completed_enrollment",
    "get_enrollment_for_user",
    "get_invitation",
    "get_lesson_content",
    "get_progress",
    "institution_analytics",
    "institution_analytics_csv",
    "invitation_state",
    "invitation_token",
    "launch_package",
    "list_course_statements",
    "list_enrollments",
    "list_pending_invitations",
    "list_statements",
    "move_to_current_version",
    "open_launch_file",
    "open_resource_file",
    "open_video_file",
    "player_config",
    "progress_cache_names",
    "record_event",
    "record_prior_learning",
    "resolve_launch",
    "restart_lrs_copy",
    "skip_lrs_copy_of_stored_events",
    "start_quiz_attempt",
    "unenroll",
    "waitlist_positions",
    "withdraw_invitation",
]
