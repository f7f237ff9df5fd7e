"""The public door of `courses`: competencies, the catalog, authoring, workflow and review.

A facade: each function lives in a module of one concern (see courses/README.md), and other apps,
views, tasks and commands import only this module, so those modules can change behind it.
"""

from courses import (
    archives,
    covers,
    elearning,
    elearning_zip,
    packages,
    uploads,
    video,
    video_uploads,
)
from courses.authoring import import_course_archive, import_course_package
from courses.caption_uploads import InvalidCaptionsError, check_lesson_captions_upload
from courses.catalog import (
    catalog_entries,
    course_institutions,
    filter_entries_by_competency,
    filter_entries_by_country,
    filter_entries_by_institution,
    filter_entries_by_language,
    get_outline,
    get_preview_lesson,
    get_published_course_for_enrollment,
    get_published_version,
    institution_catalog_entries,
    is_preview_lesson,
    lesson_for_learner,
    version_competencies,
)
from courses.catalog_cache import cached_catalog_page, cached_course_detail
from courses.competencies import (
    competency_names,
    list_competencies,
    load_competency_framework,
    load_shipped_competency_framework,
)
from courses.covers import (
    add_course_cover_file,
    cover_sources,
    open_cover_image,
    remove_course_cover,
    set_course_cover,
)
from courses.elearning import (
    PackageRefusedError,
    get_ready_package,
    lesson_package_report,
    lesson_package_reports,
    package_limits,
    playing_package,
    upload_lesson_package,
)
from courses.elearning_storing import open_package_file, store_elearning_package
from courses.export import export_course_archive, export_course_package
from courses.outline import (
    CourseHeading,
    Outline,
    OutlineLesson,
    OutlineModule,
    OutlineQuestion,
    OutlineQuiz,
    course_heading,
)
from courses.packages import InvalidPackageError
from courses.resources import (
    get_resource_by_stored_name,
    upload_resource,
    version_ids_offering_resource,
)
from courses.review import (
    REVIEW_ROLES,
    add_review_comment,
    diff_against_published,
    lesson_titles,
    list_review_comments,
    set_review_comment_resolved,
    translation_completeness,
)
from courses.search import (
    build_search_texts,
    normalize_search_text,
    query_words,
    search_catalog,
    write_search_texts,
)
from courses.staff import (
    courses_owned_by,
    get_course_for_member,
    get_course_version,
    list_courses_for_member,
    working_version,
)
from courses.standards import (
    filter_entries_by_standard,
    list_standards,
    load_shipped_standards,
    load_standards,
)
from courses.text import clean_html, pick, render_markdown, resolve_language
from courses.video import lesson_video_status, upload_lesson_video
from courses.video_playback import get_video_file, playing_videos
from courses.video_processing import (
    add_lesson_video_file,
    copy_video_outputs,
    process_video_asset,
    restore_lesson_video,
)
from courses.video_storage import storage_errors
from courses.video_uploads import (
    UploadOffsetConflictError,
    append_video_upload_chunk,
    cancel_video_upload,
    get_video_upload,
    start_video_upload,
    sweep_expired_video_uploads,
)
from courses.workflow import (
    TRANSITIONS,
    course_history,
    has_worked_on_version,
    transition_version,
)

__all__ = [
    "REVIEW_ROLES",
    "TRANSITIONS",
    "CourseHeading",
    "InvalidCaptionsError",
    "InvalidPackageError",
    "Outline",
    "OutlineLesson",
    "OutlineModule",
    "OutlineQuestion",
    "OutlineQuiz",
    "PackageRefusedError",
    "UploadOffsetConflictError",
    "add_course_cover_file",
    "add_lesson_video_file",
    "add_review_comment",
    "append_video_upload_chunk",
    "archives",
    "build_search_texts",
    "cached_catalog_page",
    "cached_course_detail",
    "cancel_video_upload",
    "catalog_entries",
    "check_lesson_captions_upload",
    "clean_html",
    "competency_names",
    "copy_video_outputs",
    "course_heading",
    "course_history",
    "course_institutions",
    "courses_owned_by",
    "cover_sources",
    "covers",
    "diff_against_published",
    "elearning",
    "elearning_zip",
    "export_course_archive",
    "export_course_package",
    "filter_entries_by_competency",
    "filter_entries_by_country",
    "filter_entries_by_institution",
    "filter_entries_by_language",
    "filter_entries_by_standard",
    "get_course_for_member",
    "get_course_version",
    "get_outline",
    "get_preview_lesson",
    "get_published_course_for_enrollment",
    "get_published_version",
    "get_ready_package",
    "get_resource_by_stored_name",
    "get_video_file",
    "get_video_upload",
    "has_worked_on_version",
    "import_course_archive",
    "import_course_package",
    "institution_catalog_entries",
    "is_preview_lesson",
    "lesson_for_learner",
    "lesson_package_report",
    "lesson_package_reports",
    "lesson_titles",
    "lesson_video_status",
    "list_competencies",
    "list_courses_for_member",
    "list_review_comments",
    "list_standards",
    "load_competency_framework",
    "load_shipped_competency_framework",
    "load_shipped_standards",
    "load_standards",
    "normalize_search_text",
    "open_cover_image",
    "open_package_file",
    "package_limits",
    "packages",
    "pick",
    "playing_package",
    "playing_videos",
    "process_video_asset",
    "query_words",
    "remove_course_cover",
    "render_markdown",
    "resolve_language",
    "restore_lesson_video",
    "search_catalog",
    "set_course_cover",
    "set_review_comment_resolved",
    "start_video_upload",
    "storage_errors",
    "store_elearning_package",
    "sweep_expired_video_uploads",
    "transition_version",
    "translation_completeness",
    "upload_lesson_package",
    "upload_lesson_video",
    "upload_resource",
    "uploads",
    "version_competencies",
    "version_ids_offering_resource",
    "video",
    "video_uploads",
    "working_version",
    "write_search_texts",
]
