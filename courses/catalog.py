"""Public reads of the catalog: catalog entries, published versions and their outlines, and
lesson content for learners (selectors)."""

import uuid
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery

from courses.captions import captions_plain_text, safe_captions
from courses.models import (
    CatalogEntry,
    Competency,
    Course,
    CourseVersion,
    Lesson,
    Module,
    Question,
    Resource,
)
from courses.outline import Outline, OutlineLesson, cached_outline
from courses.text import pick, render_markdown, resolve_language
from courses.video_playback import playing_videos

State = CourseVersion.State


def catalog_entries(*, language: str) -> QuerySet[CatalogEntry]:
    """One row per published course for readers of `language` (a platform language).

    Texts are in `language` where the course offers it, else in its primary language
    (`served_language` says which). Institutions and competencies are prefetched, so a page
    costs a fixed number of queries.
    """
    return (
        CatalogEntry.objects.filter(language=language)
        .select_related("version", "course")
        .prefetch_related(
            "course__institutions",
            Prefetch("version__competencies", queryset=Competency.objects.only("id", "code")),
        )
    )


def institution_catalog_entries(*, institution_id: int, language: str) -> QuerySet[CatalogEntry]:
    """The published courses an institution owns (alone or with others), as `catalog_entries`
    lists them to readers of `language`, by title."""
    return (
        catalog_entries(language=language)
        .filter(course__institutions=institution_id)
        .order_by("title", "course_id")
    )


def filter_entries_by_language(
    queryset: QuerySet[CatalogEntry], *, language: str
) -> QuerySet[CatalogEntry]:
    """The entries of courses offered in `language` (their texts written in it)."""
    offered = CatalogEntry.objects.filter(
        course=OuterRef("course"), language=language, served_language=language
    )
    return queryset.filter(Exists(offered))


def filter_entries_by_competency(
    queryset: QuerySet[CatalogEntry], *, competency: Competency
) -> QuerySet[CatalogEntry]:
    """The entries of courses that develop `competency`, or (a domain) one of its competencies."""
    codes = [competency.pk, *competency.children.values_list("pk", flat=True)]
    through = CourseVersion.competencies.through
    return queryset.filter(
        Exists(
            through.objects.filter(courseversion_id=OuterRef("version_id"), competency_id__in=codes)
        )
    )


def filter_entries_by_institution(
    queryset: QuerySet[CatalogEntry], *, slug: str
) -> QuerySet[CatalogEntry]:
    """The entries of courses an institution (by slug) owns, alone or with others."""
    through = Course.institutions.through
    return queryset.filter(
        Exists(through.objects.filter(course_id=OuterRef("course_id"), organization__slug=slug))
    )


def filter_entries_by_country(
    queryset: QuerySet[CatalogEntry], *, country: str
) -> QuerySet[CatalogEntry]:
    """The entries of courses an institution of `country` (ISO code) owns."""
    through = Course.institutions.through
    return queryset.filter(
        Exists(
            through.objects.filter(course_id=OuterRef("course_id"), organization__country=country)
        )
    )


def get_published_version(*, slug: str) -> CourseVersion:
    """The published version of a course with its whole outline, in a fixed number of queries.

    Raises CourseVersion.DoesNotExist when the course is unknown or not published.
    """
    # A correlated count per lesson uses the question index; a joined GROUP BY made PostgreSQL
    # hash the whole question table on every request (38 ms at 10,000 courses).
    questions = (
        Question.objects.filter(quiz__lesson=OuterRef("pk"))
        .order_by()
        .values("quiz__lesson")
        .annotate(total=Count("pk"))
        .values("total")
    )
    question_counts = Lesson.objects.annotate(question_count=Subquery(questions))
    return (
        CourseVersion.objects.filter(course__slug=slug, state=State.PUBLISHED)
        .select_related("course")
        .prefetch_related(
            "course__institutions",
            "competencies",
            Prefetch("prerequisites", queryset=Course.objects.select_related("published_version")),
            Prefetch("modules", queryset=Module.objects.order_by("position", "id")),
            Prefetch("modules__lessons", queryset=question_counts.order_by("position", "id")),
        )
        .get()
    )


# --- published content --------------------------------------------------------------------------


def get_outline(*, version_id: int) -> Outline:
    """The cached outline of a published or archived version (immutable content).

    Raises CourseVersion.DoesNotExist for drafts and unknown versions.
    """
    return cached_outline(version_id)


def get_published_course_for_enrollment(*, slug: str) -> Course:
    """The course with its published version, prerequisites and enrolment settings, locked for
    update so capacity checks and waitlist promotions cannot interleave.

    Raises Course.DoesNotExist when the course is unknown or not published.
    """
    return (
        Course.objects.select_for_update(of=("self",))
        .select_related("published_version")
        .get(slug=slug, published_version__isnull=False)
    )


def lesson_for_learner(*, outline: Outline, lesson_key: str, language: str) -> dict[str, Any]:
    """A lesson's content for a learner, in the served language: Markdown as sanitised HTML,
    video and transcript, resource link, quiz questions without any answer key.

    Raises KeyError when the lesson is not part of the outline.
    """
    lesson = outline.lessons[lesson_key]
    served = resolve_language(
        requested=language, available=list(outline.languages), primary=outline.primary_language
    )

    def text(translations: dict[str, Any], name: str) -> str:
        return str(pick(translations, served, outline.primary_language).get(name, ""))

    content: dict[str, Any] = {
        "key": lesson.key,
        "label": lesson.label,
        "kind": lesson.kind,
        "title": text(lesson.translations, "title"),
        "is_required": lesson.is_required,
        "is_preview": lesson.is_preview,
        "duration_minutes": lesson.duration_minutes,
        "video_completion": lesson.video_completion if lesson.kind == Lesson.Kind.VIDEO else None,
        "video_watched_percent": lesson.video_watched_percent
        if lesson.kind == Lesson.Kind.VIDEO
        else None,
        "served_language": served,
        "body_html": render_markdown(text(lesson.translations, "body")),
        "video_url": lesson.video_url or None,
        "transcript": None,
        "captions": [],
        "resource": None,
        "quiz": None,
    }
    content.update(_lesson_video(outline, lesson))
    content["captions"] = _caption_tracks(outline, lesson, served, content.pop("generated"))
    content["transcript"] = text(lesson.translations, "transcript") or _spoken_text(
        content["captions"], served
    )
    if lesson.resource_id:
        resource = Resource.objects.filter(pk=lesson.resource_id).first()
        if resource is not None:
            content["resource"] = {
                "filename": resource.filename,
                "content_type": resource.content_type,
                "size": resource.size,
                "url": resource.file.url,
            }
    if lesson.quiz is not None:
        quiz = lesson.quiz
        content["quiz"] = {
            "pass_mark": quiz.pass_mark,
            "attempts_allowed": quiz.attempts_allowed,
            "time_limit_minutes": quiz.time_limit_minutes,
            "questions": [
                {
                    "key": question.key,
                    "kind": question.kind,
                    "points": str(question.points),
                    "prompt": text(question.translations, "prompt"),
                    "options": [
                        {"key": key, "text": str(pick(texts, served, outline.primary_language))}
                        for key, _is_correct, texts in question.options
                    ],
                }
                for question in quiz.questions
            ],
        }
    return content


def get_preview_lesson(*, slug: str, lesson_key: str, language: str) -> dict[str, Any]:
    """A preview lesson of a published course's current version, for anyone (signed in or
    not): its content as `lesson_for_learner` gives it. Raises Lesson.DoesNotExist for an
    unknown or unpublished course, an unknown lesson and one that is not a preview alike."""
    version_id = (
        Course.objects.filter(slug=slug, published_version__isnull=False)
        .values_list("published_version_id", flat=True)
        .first()
    )
    if version_id is None:
        raise Lesson.DoesNotExist
    outline = cached_outline(version_id)
    lesson = outline.lessons.get(lesson_key)
    if lesson is None or not lesson.is_preview:
        raise Lesson.DoesNotExist
    return lesson_for_learner(outline=outline, lesson_key=lesson_key, language=language)


def is_preview_lesson(*, course_id: int, lesson_key: uuid.UUID) -> bool:
    """Whether the lesson is a preview in the course's published version, which anyone may
    open and whose video anyone may play (one query; the outline is cached)."""
    version_id = (
        Course.objects.filter(pk=course_id).values_list("published_version_id", flat=True).first()
    )
    if version_id is None:
        return False
    lesson = cached_outline(version_id).lessons.get(str(lesson_key))
    return lesson is not None and lesson.is_preview


def _lesson_video(outline: Outline, lesson: OutlineLesson) -> dict[str, Any]:
    """The uploaded video a video lesson plays (HLS playlist and poster URLs), and the captions
    generated with it by language (demo videos), under `generated`."""
    fields: dict[str, Any] = {"video_hls_url": None, "video_poster_url": None, "generated": {}}
    if lesson.kind != Lesson.Kind.VIDEO:
        return fields
    asset = playing_videos(course_id=outline.course_id, lesson_keys=[uuid.UUID(lesson.key)]).get(
        uuid.UUID(lesson.key)
    )
    if asset is not None:
        fields["video_hls_url"] = f"{settings.MEDIA_URL}{asset.playlist_name}"
        fields["video_poster_url"] = f"{settings.MEDIA_URL}{asset.poster_name}"
        fields["generated"] = asset.captions or {}
    return fields


def _caption_tracks(
    outline: Outline, lesson: OutlineLesson, served: str, generated: dict[str, str]
) -> list[dict[str, str]]:
    """Every caption track of a video lesson, the served language first, then the course's
    languages in order: the lesson's own captions in a language, else those generated with its
    video. No fallback to another language: a track is labelled with the language it is in.
    Cue text is made safe (safe_captions) whatever the stored text holds."""
    if lesson.kind != Lesson.Kind.VIDEO:
        return []
    order = [served, *(language for language in outline.languages if language != served)]
    tracks = []
    for language in order:
        own = str((lesson.translations.get(language) or {}).get("captions", ""))
        vtt = own if own.strip() else str(generated.get(language, ""))
        if vtt.strip():
            tracks.append({"language": language, "vtt": safe_captions(vtt)})
    return tracks


def _spoken_text(tracks: list[dict[str, str]], served: str) -> str | None:
    """The words of the served language's captions: the transcript of a lesson that has none."""
    for track in tracks:
        if track["language"] == served:
            return captions_plain_text(track["vtt"]) or None
    return None


def course_institutions(*, course_id: int) -> list[Any]:
    """The organisations owning a course, by name."""
    return list(Course.objects.get(pk=course_id).institutions.order_by("name"))


def version_competencies(*, version_id: int) -> list[Competency]:
    """The competencies a version develops, in framework order."""
    return list(CourseVersion.objects.get(pk=version_id).competencies.order_by("position"))
