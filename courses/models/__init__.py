"""Catalog and authoring data: competencies, courses, their immutable versions, and content.

One module per concern; this package re-exports every model, so other apps keep importing them
from `courses.models`.
"""

# Translatable texts live in a JSON object per row: {"en": {"title": ...}, "de": {...}}. A course's
# content is read and written as a whole version, so one column per row beats a table per field.

from courses.models.catalog import CatalogEntry, CatalogSearchText
from courses.models.competencies import Competency
from courses.models.content import DEFAULT_VIDEO_WATCHED_PERCENT, Lesson, Module, Resource
from courses.models.course import Course, CourseVersion, Level
from courses.models.elearning import ElearningPackage
from courses.models.quizzes import Option, Question, Quiz
from courses.models.review import ReviewComment, Transition
from courses.models.standards import Standard
from courses.models.video import VideoAsset, VideoUploadSession

__all__ = [
    "DEFAULT_VIDEO_WATCHED_PERCENT",
    "CatalogEntry",
    "CatalogSearchText",
    "Competency",
    "Course",
    "CourseVersion",
    "ElearningPackage",
    "Lesson",
    "Level",
    "Module",
    "Option",
    "Question",
    "Quiz",
    "Resource",
    "ReviewComment",
    "Standard",
    "Transition",
    "VideoAsset",
    "VideoUploadSession",
]
