"""The public door of `enrollment`: enrolling, learning events, progress, completion, xAPI."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet, Subquery
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from courses import api as courses_api
from enrollment import attempts, grading, progress, progress_cache, staff, xapi
from enrollment.bulk import CSV_MAX_BYTES, CSV_MAX_ROWS, bulk_enroll
from enrollment.invitations import (
    accept_invitation,
    get_invitation,
    invitation_state,
    invitation_token,
    list_pending_invitations,
    withdraw_invitation,
)
from enrollment.models import Enrollment, LearningEvent, LessonProgress
from enrollment.resources import open_resource_file
from enrollment.signals import enrollment_completed
from enrollment.videos import open_video_file

__all__ = [
    "CSV_MAX_BYTES",
    "CSV_MAX_ROWS",
    "accept_invitation",
    "bulk_enroll",
    "completed_enrollments",
    "course_analytics",
    "enroll",
    "enrollment_state",
    "get_completed_enrollment",
    "get_enrollment_for_user",
    "get_invitation",
    "get_lesson_content",
    "get_progress",
    "institution_analytics",
    "invitation_state",
    "invitation_token",
    "list_course_statements",
    "list_enrollments",
    "list_pending_invitations",
    "list_statements",
    "move_to_current_version",
    "open_resource_file",
    "open_video_file",
    "progress_cache_names",
    "record_event",
    "record_prior_learning",
    "start_quiz_attempt",
    "unenroll",
    "withdraw_invitation",
]

Status = Enrollment.Status
Kind = LearningEvent.Kind

ENROLLMENT_NOT_OPEN = gettext_lazy("Enrolment opens on %(date)s.")
ENROLLMENT_CLOSED = gettext_lazy("Enrolment closed on %(date)s.")
PREREQUISITE_MISSING = gettext_lazy("Complete “%(title)s” first: it is a prerequisite.")
NOT_ACTIVE = gettext_lazy("This enrolment is not active: enrol again to continue.")
LESSON_NOT_IN_COURSE = gettext_lazy("This lesson is not part of your version of the course.")
EVENT_ID_TAKEN = gettext_lazy("This event id was already used for another enrolment.")
WRONG_LESSON_KIND = gettext_lazy("A %(kind)s lesson cannot receive a “%(event)s” event.")
NO_ATTEMPTS_LEFT = gettext_lazy("No attempts left: this quiz allows %(count)d.")
TIME_LIMIT_PASSED = gettext_lazy("The time limit of %(minutes)d minutes for this quiz has passed.")
ATTEMPT_NOT_STARTED = gettext_lazy("Start an attempt at this quiz before handing in answers.")
MALFORMED_SEGMENTS = gettext_lazy("Give watched segments as [[start, end], …] in seconds.")
MALFORMED_DURATION = gettext_lazy("Give the video's length in seconds, from 1 to 86,400.")
NOT_STAFF = gettext_lazy("Only members of an institution that owns this course may do this.")

MAX_SEGMENTS = 1000
COMPLETION_NAMESPACE = uuid.UUID("5f0c7a7e-8f6e-4d7e-9b8a-1c2d3e4f5a6b")


def completed_enrollments() -> QuerySet[Enrollment]:
    """Every completed enrollment (for the certificate sweep)."""
    return Enrollment.objects.filter(status=Status.COMPLETED)


def get_completed_enrollment(*, enrollment_id: int) -> Enrollment:
    """A completed enrollment with its learner, course and version.

    Raises Enrollment.DoesNotExist when it is unknown or not completed.
    """
    return Enrollment.objects.select_related("user", "course", "version").get(
        pk=enrollment_id, status=Status.COMPLETED
    )


# --- enrolling ----------------------------------------------------------------------------------


def list_enrollments(*, user: User, course_slug: str | None = None) -> QuerySet[Enrollment]:
    """The user's enrollments (all statuses), newest first, with course and version; only the
    one in the course `course_slug` when given (none for unknown courses)."""
    enrollments = Enrollment.objects.filter(user=user).select_related("course", "version")
    if course_slug is not None:
        enrollments = enrollments.filter(course__slug=course_slug)
    return enrollments


def get_enrollment_for_user(*, user: User, enrollment_id: int) -> Enrollment:
    """The user's own enrollment; raises Enrollment.DoesNotExist for unknown and foreign alike."""
    return list_enrollments(user=user).get(pk=enrollment_id)


def enrollment_state(*, user: User, course_slug: str, language: str) -> dict[str, Any]:
    """Whether and how one can enrol in a published course now: its enrolment window, capacity
    and places left (None when unlimited), and for a signed-in user their own enrollment (with
    the waitlist place) and the prerequisites they have not completed, titled in `language`.

    Read-only and uncached (places change with every enrolment); at most six queries. Raises
    Course.DoesNotExist when the course is unknown or not published.
    """
    from django.db.models import Exists, OuterRef

    from courses.models import Course

    course = Course.objects.select_related("published_version").get(
        slug=course_slug, published_version__isnull=False
    )
    now = timezone.now()
    places_left = None
    if course.capacity is not None:
        active = Enrollment.objects.filter(course=course, status=Status.ACTIVE).count()
        places_left = max(0, course.capacity - active)
    state: dict[str, Any] = {
        "course": course.slug,
        "enrollment_opens_at": course.enrollment_opens_at,
        "enrollment_closes_at": course.enrollment_closes_at,
        "is_open": not (course.enrollment_opens_at and now < course.enrollment_opens_at)
        and not (course.enrollment_closes_at and now > course.enrollment_closes_at),
        "capacity": course.capacity,
        "places_left": places_left,
        "my_enrollment": None,
        "missing_prerequisites": None,
    }
    if not user.is_authenticated:
        return state
    mine = Enrollment.objects.filter(user=user, course=course).first()
    if mine is not None:
        state["my_enrollment"] = {
            "id": mine.pk,
            "status": mine.status,
            "waitlist_position": _waitlist_position(mine),
        }
    version = course.published_version
    completed = Enrollment.objects.filter(user=user, course=OuterRef("pk"), status=Status.COMPLETED)
    missing = (
        Course.objects.filter(required_by=version)
        .annotate(is_completed=Exists(completed))
        .filter(is_completed=False)
        .select_related("published_version")
        .order_by("slug")
    )
    state["missing_prerequisites"] = [
        {"slug": prerequisite.slug, "title": staff.course_title(prerequisite, language)}
        for prerequisite in missing
    ]
    return state


def _waitlist_position(enrollment: Enrollment) -> int | None:
    """1 for the first in the queue; None unless the enrollment is waitlisted."""
    if enrollment.status != Status.WAITLISTED:
        return None
    from django.db.models import Q

    ahead = Enrollment.objects.filter(
        Q(status_changed_at__lt=enrollment.status_changed_at)
        | Q(status_changed_at=enrollment.status_changed_at, pk__lt=enrollment.pk),
        course_id=enrollment.course_id,
        status=Status.WAITLISTED,
    ).count()
    return ahead + 1


@transaction.atomic
def enroll(*, user: User, course_slug: str, language: str = "en") -> Enrollment:
    """Enroll the user in the course's published version, or put them on its waitlist.

    Idempotent: an active, waitlisted or completed enrollment is returned unchanged; an
    unenrolled one becomes active again with its progress. Locks the course row, so concurrent
    requests never fill more places than the capacity. Raises Course.DoesNotExist (unknown or
    unpublished) and ValidationError (window closed, prerequisite missing, naming the course).
    """
    course = courses_api.get_published_course_for_enrollment(slug=course_slug)
    existing = Enrollment.objects.filter(user=user, course=course).first()
    if existing is not None and existing.status != Status.UNENROLLED:
        return existing
    now = timezone.now()
    if course.enrollment_opens_at and now < course.enrollment_opens_at:
        raise ValidationError(
            ENROLLMENT_NOT_OPEN % {"date": date_format(course.enrollment_opens_at)},
            code="not_open",
        )
    if course.enrollment_closes_at and now > course.enrollment_closes_at:
        raise ValidationError(
            ENROLLMENT_CLOSED % {"date": date_format(course.enrollment_closes_at)}, code="closed"
        )
    version = course.published_version
    if version is None:  # the loader only returns published courses; keep the type checker honest
        raise ValidationError(NOT_ACTIVE, code="not_published")
    _check_prerequisites(user=user, version_id=version.pk, language=language)
    status = _status_for_new_place(course)
    if existing is None:
        enrollment = Enrollment.objects.create(
            user=user, course=course, version=version, status=status, status_changed_at=now
        )
    else:
        enrollment = existing
        enrollment.status = status
        enrollment.status_changed_at = now
        enrollment.save(update_fields=["status", "status_changed_at"])
    _log(enrollment, Kind.ENROLLED, verb="registered", payload={"status": status})
    return enrollment


@transaction.atomic
def record_prior_learning(*, learner: User, course_slug: str, recognised_by: User) -> Enrollment:
    """Complete the learner's enrollment in the course's published version on the strength of
    prior learning an approver recognised (the caller checks the approver's right to).

    Creates the enrollment when there is none; a completed one is returned unchanged. Logged as a
    completion statement naming the approver; `enrollment_completed` is sent on commit like any
    completion. Locks the enrollment row. Raises Course.DoesNotExist (unknown or unpublished).
    """
    course = courses_api.get_published_course_for_enrollment(slug=course_slug)
    version = course.published_version
    if version is None:  # the loader only returns published courses
        raise ValidationError(NOT_ACTIVE, code="not_published")
    now = timezone.now()
    enrollment, _created = Enrollment.objects.select_for_update().get_or_create(
        user=learner,
        course=course,
        defaults={"version": version, "status": Status.ACTIVE, "status_changed_at": now},
    )
    if enrollment.status == Status.COMPLETED:
        return enrollment
    enrollment.status = Status.COMPLETED
    enrollment.completed_at = now
    enrollment.status_changed_at = now
    enrollment.final_grade = None
    enrollment.save(update_fields=["status", "completed_at", "status_changed_at", "final_grade"])
    _log(
        enrollment,
        Kind.COURSE_COMPLETED,
        verb="completed",
        payload={"basis": "prior_learning", "recognised_by": recognised_by.pk},
    )
    enrollment_id = enrollment.pk
    transaction.on_commit(
        lambda: enrollment_completed.send(sender=Enrollment, enrollment_id=enrollment_id)
    )
    return enrollment


def _check_prerequisites(*, user: User, version_id: int, language: str) -> None:
    from courses.models import CourseVersion

    prerequisites = CourseVersion.objects.get(pk=version_id).prerequisites.select_related(
        "published_version"
    )
    completed = set(
        Enrollment.objects.filter(
            user=user, status=Status.COMPLETED, course__in=prerequisites
        ).values_list("course_id", flat=True)
    )
    for prerequisite in prerequisites:
        if prerequisite.pk not in completed:
            published = prerequisite.published_version
            title = (
                courses_api.pick(published.translations, language, published.primary_language).get(
                    "title", prerequisite.slug
                )
                if published
                else prerequisite.slug
            )
            raise ValidationError(
                PREREQUISITE_MISSING % {"title": title}, code="prerequisite_missing"
            )


def _status_for_new_place(course: Any) -> str:
    if course.capacity is None:
        return Status.ACTIVE
    active = Enrollment.objects.filter(course=course, status=Status.ACTIVE).count()
    return Status.ACTIVE if active < course.capacity else Status.WAITLISTED


@transaction.atomic
def unenroll(*, user: User, enrollment_id: int) -> Enrollment:
    """Leave a course (progress is kept for a return). Idempotent.

    When an active learner leaves a course with a capacity, the longest-waiting learner is
    promoted in the same transaction. Completed enrollments stay completed. Raises
    Enrollment.DoesNotExist for unknown or foreign enrollments.
    """
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment_id, user=user)
    if enrollment.status in (Status.UNENROLLED, Status.COMPLETED):
        return enrollment
    course = courses_api.get_published_course_for_enrollment(slug=enrollment.course.slug)
    was_active = enrollment.status == Status.ACTIVE
    enrollment.status = Status.UNENROLLED
    enrollment.status_changed_at = timezone.now()
    enrollment.save(update_fields=["status", "status_changed_at"])
    _log(enrollment, Kind.UNENROLLED, verb="exited", payload={})
    if was_active and course.capacity is not None:
        waiting = (
            Enrollment.objects.select_for_update()
            .filter(course=course, status=Status.WAITLISTED)
            .order_by("status_changed_at", "pk")
            .first()
        )
        if waiting is not None:
            waiting.status = Status.ACTIVE
            waiting.status_changed_at = timezone.now()
            waiting.save(update_fields=["status", "status_changed_at"])
            _log(waiting, Kind.ENROLLED, verb="registered", payload={"promoted": True})
    return enrollment


@transaction.atomic
def move_to_current_version(*, user: User, enrollment_id: int) -> Enrollment:
    """Move an active enrollment to the course's current published version, at the learner's
    choice. Progress follows lessons by their stable keys; lessons the new version dropped no
    longer count. Idempotent. Raises Enrollment.DoesNotExist, or ValidationError for enrollments
    that are not active (a completed one keeps the version it was completed in).
    """
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("course")
        .get(pk=enrollment_id, user=user)
    )
    if enrollment.status != Status.ACTIVE:
        raise ValidationError(NOT_ACTIVE, code="not_active")
    current = enrollment.course.published_version_id
    if current is not None and current != enrollment.version_id:
        enrollment.version_id = current
        enrollment.save(update_fields=["version"])
    return enrollment


# --- events -------------------------------------------------------------------------------------


def record_event(
    *,
    user: User,
    enrollment_id: int,
    event_id: uuid.UUID,
    kind: str,
    lesson_key: uuid.UUID,
    payload: dict[str, Any],
    language: str = "en",
) -> dict[str, Any]:
    """Record a learning event and answer with its result and the new progress.

    Idempotent: replaying an event id returns the stored result and changes nothing. An event
    that changes progress takes a row lock on the enrollment, so simultaneous events apply one
    after the other and the completion is decided once; `enrollment_completed` is sent after
    commit, exactly once per enrollment. Re-opening the lesson the learner is on (every page
    view sends it) changes nothing but the log, and is only logged, without lock or
    transaction. Timestamps are the server's. Raises Enrollment.DoesNotExist (unknown or
    foreign) and ValidationError (inactive enrollment, lesson outside the version, wrong event
    for the lesson kind, malformed answers or segments, no attempts left, time limit passed).
    """
    arguments: dict[str, Any] = {
        "user": user,
        "enrollment_id": enrollment_id,
        "event_id": event_id,
        "kind": kind,
        "lesson_key": lesson_key,
        "payload": payload,
        "language": language,
    }
    if kind == Kind.LESSON_OPENED:
        logged = _log_reopening(**arguments)
        if logged is not None:
            return logged
    return _record_event_locked(**arguments)


def _log_reopening(
    *,
    user: User,
    enrollment_id: int,
    event_id: uuid.UUID,
    kind: str,
    lesson_key: uuid.UUID,
    payload: dict[str, Any],
    language: str,
) -> dict[str, Any] | None:
    """Log a `lesson_opened` that changes nothing (the lesson is open already and is the
    learner's last one, and no completion is due) with one read and one INSERT; None when the
    event may change something, or is not valid, for the locked path to decide.

    Without the lock a concurrent event may change the state after the read; this event still
    changes nothing that event does not, so the outcome is that of some serial order.
    """
    replay = LearningEvent.objects.filter(pk=event_id)
    enrollment, lessons, earlier = _read_with_lessons(
        Enrollment.objects.filter(pk=enrollment_id, user=user),
        earlier_enrollment=Subquery(replay.values("enrollment_id")[:1]),
        earlier_result=Subquery(replay.values("result")[:1]),
    )
    if earlier["earlier_enrollment"] is not None or enrollment.status not in (
        Status.ACTIVE,
        Status.COMPLETED,
    ):
        return None
    outline = courses_api.get_outline(version_id=enrollment.version_id)
    lesson = outline.lessons.get(str(lesson_key))
    state = lessons.get(lesson.key) if lesson is not None else None
    if (
        lesson is None
        or state is None
        or state.opened_at is None
        or enrollment.last_lesson_key != uuid.UUID(lesson.key)
    ):
        return None
    evaluation = progress.evaluate(
        outline,
        _states(lessons),
        language=language,
        is_completed=enrollment.status == Status.COMPLETED,
    )
    if evaluation["rule_met"] and enrollment.status == Status.ACTIVE:
        return None  # a completion is due: decided under the lock
    now = timezone.now()
    result: dict[str, Any] = {
        "id": str(event_id),
        "kind": kind,
        "lesson": lesson.key,
        "recorded_at": now.isoformat(),
        "progress": {
            "percent": evaluation["percent"],
            "is_complete": evaluation["is_complete"],
            "grade": evaluation["grade"],
            "status": enrollment.status,
        },
    }
    event = LearningEvent(
        id=event_id,
        enrollment=enrollment,
        kind=kind,
        lesson_key=lesson.key,
        payload=payload,
        result=result,
        statement=_statement(
            enrollment, outline, str(event_id), "experienced", now, language, lesson=lesson
        ),
    )
    try:
        if transaction.get_connection().in_atomic_block:
            with transaction.atomic():  # a savepoint, so a duplicate id spares the caller's work
                event.save(force_insert=True)
        else:
            event.save(force_insert=True)  # autocommit: the INSERT is the only write
    except IntegrityError:  # the same id recorded meanwhile: the locked path answers the replay
        return None
    return result


@transaction.atomic
def _record_event_locked(
    *,
    user: User,
    enrollment_id: int,
    event_id: uuid.UUID,
    kind: str,
    lesson_key: uuid.UUID,
    payload: dict[str, Any],
    language: str,
) -> dict[str, Any]:
    # The lock is a statement of its own: under READ COMMITTED a statement that waited for the
    # lock still reads other tables as they were when it began, so the lesson progress and the
    # replay check are read after it, in one statement. A repeated event costs BEGIN, the lock,
    # that read, the event's INSERT and COMMIT.
    locked = Enrollment.objects.select_for_update().filter(pk=enrollment_id, user=user)
    if not list(locked.values_list("pk", flat=True)):  # a plain SELECT … FOR UPDATE
        raise Enrollment.DoesNotExist("No such enrollment for this user.")
    replay = LearningEvent.objects.filter(pk=event_id)
    enrollment, lessons, earlier = _read_with_lessons(
        Enrollment.objects.filter(pk=enrollment_id),
        earlier_enrollment=Subquery(replay.values("enrollment_id")[:1]),
        earlier_result=Subquery(replay.values("result")[:1]),
    )
    if earlier["earlier_enrollment"] is not None:
        if earlier["earlier_enrollment"] != enrollment.pk:
            raise ValidationError({"id": [EVENT_ID_TAKEN]})
        return dict(earlier["earlier_result"])
    if enrollment.status not in (Status.ACTIVE, Status.COMPLETED):
        raise ValidationError(NOT_ACTIVE, code="not_active")
    outline = courses_api.get_outline(version_id=enrollment.version_id)
    lesson = outline.lessons.get(str(lesson_key))
    if lesson is None:
        raise ValidationError({"lesson": [LESSON_NOT_IN_COURSE]})
    now = timezone.now()
    state = lessons.get(lesson.key) or LessonProgress(enrollment=enrollment, lesson_key=lesson.key)
    lessons[lesson.key] = state
    before = _progress_fields(state)
    result: dict[str, Any] = {
        "id": str(event_id),
        "kind": kind,
        "lesson": lesson.key,
        "recorded_at": now.isoformat(),
    }
    statement_extra: dict[str, Any] = {}
    if state.opened_at is None:
        state.opened_at = now
    if kind == Kind.LESSON_OPENED:
        verb = "experienced"
    elif kind == Kind.LESSON_COMPLETED:
        if lesson.kind not in ("text", "resource"):
            raise ValidationError(WRONG_LESSON_KIND % {"kind": lesson.kind, "event": kind})
        state.completed_at = state.completed_at or now
        verb = "completed"
        statement_extra["completion"] = True
    elif kind == Kind.VIDEO_PROGRESS:
        verb = "progressed"
        result.update(_apply_video(lesson, state, payload, now, kind))
        statement_extra["progress"] = result["watched_percent"]
        statement_extra["completion"] = result["is_watched"]
    elif kind == Kind.QUIZ_SUBMITTED:
        attempt = _apply_quiz(lesson, state, payload, now, outline, language, kind)
        result.update(attempt)
        verb = "passed" if attempt["passed"] else "failed"
        statement_extra.update(score=Decimal(attempt["score"]), success=attempt["passed"])
    else:
        raise ValidationError({"kind": [WRONG_LESSON_KIND % {"kind": lesson.kind, "event": kind}]})
    # Reopening a lesson changes nothing: skip both writes (two of a repeat's round trips).
    if _progress_fields(state) != before:
        state.save()
    if enrollment.last_lesson_key != uuid.UUID(lesson.key):
        enrollment.last_lesson_key = uuid.UUID(lesson.key)
        enrollment.save(update_fields=["last_lesson_key"])
    summary = _complete_if_rule_met(enrollment, outline, _states(lessons), language)
    result["progress"] = summary
    LearningEvent.objects.create(
        id=event_id,
        enrollment=enrollment,
        kind=kind,
        lesson_key=lesson.key,
        payload=payload,
        result=result,
        statement=_statement(
            enrollment,
            outline,
            str(event_id),
            verb,
            now,
            language,
            lesson=lesson,
            **statement_extra,
        ),
    )
    return result


def _progress_fields(state: LessonProgress) -> tuple[Any, ...]:
    return (
        state.opened_at,
        state.attempt_started_at,
        state.completed_at,
        list(state.watched_segments),
        state.video_length_seconds,
        state.attempts,
        state.best_score,
        state.last_score,
    )


def _apply_video(
    lesson: Any, state: LessonProgress, payload: dict[str, Any], now: datetime, kind: str
) -> dict[str, Any]:
    if lesson.kind != "video":
        raise ValidationError(WRONG_LESSON_KIND % {"kind": lesson.kind, "event": kind})
    segments = payload.get("segments")
    if (
        not isinstance(segments, list)
        or len(segments) > MAX_SEGMENTS
        or not all(
            isinstance(segment, list)
            and len(segment) == 2
            and all(
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and 0 <= value < 10**7
                for value in segment
            )
            for segment in segments
        )
    ):
        raise ValidationError({"segments": [MALFORMED_SEGMENTS]})
    reported = payload.get("duration")
    if reported is not None:
        if (
            not isinstance(reported, int | float)
            or isinstance(reported, bool)
            or not 1 <= reported <= progress.MAX_VIDEO_SECONDS
        ):
            raise ValidationError({"duration": [MALFORMED_DURATION]})
        state.video_length_seconds = max(
            progress.bounded_video_length(
                reported=float(reported), declared_minutes=lesson.duration_minutes
            ),
            state.video_length_seconds or 0.0,
        )
    duration = progress.video_length(
        declared_minutes=lesson.duration_minutes, measured=state.video_length_seconds
    )
    state.watched_segments = progress.merge_segments(
        [*state.watched_segments, *segments], limit=duration
    )
    share = Decimal(str(progress.watched_seconds(state.watched_segments) / duration))
    if share >= progress.VIDEO_COMPLETE_SHARE and state.completed_at is None:
        state.completed_at = now
    return {
        "watched_percent": min(100, int(share * 100)),
        "is_watched": state.completed_at is not None,
        "video_length_seconds": duration,
    }


def _apply_quiz(
    lesson: Any,
    state: LessonProgress,
    payload: dict[str, Any],
    now: datetime,
    outline: Any,
    language: str,
    kind: str,
) -> dict[str, Any]:
    quiz = _quiz_of(lesson, kind)
    if state.attempt_started_at is None:
        if quiz.attempts_allowed is not None and state.attempts >= quiz.attempts_allowed:
            raise ValidationError(
                NO_ATTEMPTS_LEFT % {"count": quiz.attempts_allowed}, code="no_attempts_left"
            )
        raise ValidationError(ATTEMPT_NOT_STARTED, code="attempt_not_started")
    if attempts.is_attempt_over(
        started_at=state.attempt_started_at, time_limit_minutes=quiz.time_limit_minutes, now=now
    ):
        # Refused, and the attempt is counted as used (score 0) when the next one starts.
        raise ValidationError(
            TIME_LIMIT_PASSED % {"minutes": quiz.time_limit_minutes}, code="time_limit_passed"
        )
    served = courses_api.resolve_language(
        requested=language, available=list(outline.languages), primary=outline.primary_language
    )
    graded = grading.grade_quiz(
        quiz,
        payload.get("answers"),
        language=served,
        primary_language=outline.primary_language,
        reveal=True,
    )
    state.attempts += 1
    state.attempt_started_at = None
    state.last_score = graded.score
    state.best_score = max(graded.score, state.best_score or Decimal(0))
    reveal = attempts.may_reveal_answers(
        policy=quiz.reveal_answers,
        passed=graded.passed,
        attempts_used=state.attempts,
        attempts_allowed=quiz.attempts_allowed,
    )
    feedback = (
        graded.feedback
        if reveal
        else [
            {
                name: value
                for name, value in item.items()
                if name not in {"correct_answer", "explanation"}
            }
            for item in graded.feedback
        ]
    )
    return {
        "attempt": state.attempts,
        "attempts_left": _attempts_left(quiz, state),
        "score": str(graded.score),
        "points": str(graded.points),
        "max_points": str(graded.max_points),
        "passed": graded.passed,
        "answers_revealed": reveal,
        "feedback": feedback,
    }


def _quiz_of(lesson: Any, kind: str) -> Any:
    if lesson.quiz is None:
        raise ValidationError(WRONG_LESSON_KIND % {"kind": lesson.kind, "event": kind})
    return lesson.quiz


def _attempts_left(quiz: Any, state: LessonProgress) -> int | None:
    if quiz.attempts_allowed is None:
        return None
    return max(0, quiz.attempts_allowed - state.attempts)


def _close_attempt_if_over(quiz: Any, state: LessonProgress, now: datetime) -> None:
    """An attempt left past its time limit counts as used, with a score of 0: otherwise leaving
    a timed quiz unsubmitted and starting again would be a way round the limit."""
    if state.attempt_started_at is None or not attempts.is_attempt_over(
        started_at=state.attempt_started_at, time_limit_minutes=quiz.time_limit_minutes, now=now
    ):
        return
    state.attempts += 1
    state.attempt_started_at = None
    state.last_score = Decimal(0)
    state.best_score = state.best_score or Decimal(0)


def start_quiz_attempt(
    *, user: User, enrollment_id: int, lesson_key: uuid.UUID, language: str = "en"
) -> dict[str, Any]:
    """Start an attempt at a quiz lesson, or answer the attempt already running.

    The server's clock times every attempt from here: answers are accepted only for a started
    attempt, and a timed one not handed in by its deadline (plus a minute's grace) counts as used
    with a score of 0. Takes the enrollment's row lock, like `record_event`. Raises
    Enrollment.DoesNotExist (unknown or foreign) and ValidationError (inactive enrollment, lesson
    outside the version or not a quiz, no attempts left).
    """
    attempt = _start_quiz_attempt_locked(
        user=user, enrollment_id=enrollment_id, lesson_key=lesson_key, language=language
    )
    if "attempts_allowed_used" in attempt:
        # Raised after the commit: an attempt that ran out is still recorded as used.
        raise ValidationError(
            NO_ATTEMPTS_LEFT % {"count": attempt["attempts_allowed_used"]}, code="no_attempts_left"
        )
    return attempt


@transaction.atomic
def _start_quiz_attempt_locked(
    *, user: User, enrollment_id: int, lesson_key: uuid.UUID, language: str
) -> dict[str, Any]:
    locked = Enrollment.objects.select_for_update().filter(pk=enrollment_id, user=user)
    if not list(locked.values_list("pk", flat=True)):
        raise Enrollment.DoesNotExist("No such enrollment for this user.")
    enrollment, lessons, _values = _read_with_lessons(Enrollment.objects.filter(pk=enrollment_id))
    if enrollment.status not in (Status.ACTIVE, Status.COMPLETED):
        raise ValidationError(NOT_ACTIVE, code="not_active")
    outline = courses_api.get_outline(version_id=enrollment.version_id)
    lesson = outline.lessons.get(str(lesson_key))
    if lesson is None:
        raise ValidationError({"lesson": [LESSON_NOT_IN_COURSE]})
    quiz = _quiz_of(lesson, Kind.QUIZ_STARTED)
    now = timezone.now()
    state = lessons.get(lesson.key) or LessonProgress(enrollment=enrollment, lesson_key=lesson.key)
    state.opened_at = state.opened_at or now
    before = _progress_fields(state)
    _close_attempt_if_over(quiz, state, now)
    is_new = state.attempt_started_at is None
    if state.attempt_started_at is None:
        if quiz.attempts_allowed is not None and state.attempts >= quiz.attempts_allowed:
            if _progress_fields(state) != before:
                state.save()  # the attempt that ran out is recorded as used
            return {"attempts_allowed_used": quiz.attempts_allowed}
        state.attempt_started_at = now
    if _progress_fields(state) != before:
        state.save()
    started_at = state.attempt_started_at
    ends_at = attempts.attempt_deadline(
        started_at=started_at, time_limit_minutes=quiz.time_limit_minutes
    )
    left = _attempts_left(quiz, state)
    result = {
        "attempt": state.attempts + 1,
        "attempts_left": None if left is None else max(0, left - 1),
        "started_at": started_at,
        "ends_at": ends_at,
        "seconds_left": None if ends_at is None else max(0, int((ends_at - now).total_seconds())),
        "is_new": is_new,
    }
    if is_new:
        event_id = uuid.uuid4()
        LearningEvent.objects.create(
            id=event_id,
            enrollment=enrollment,
            kind=Kind.QUIZ_STARTED,
            lesson_key=lesson.key,
            payload={},
            result={**result, "started_at": started_at.isoformat(), "ends_at": _iso(ends_at)},
            statement=_statement(
                enrollment, outline, str(event_id), "attempted", now, language, lesson=lesson
            ),
        )
    return result


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


_ENROLLMENT_FIELDS = list(Enrollment._meta.concrete_fields)
_PROGRESS_FIELDS = list(LessonProgress._meta.concrete_fields)


def _read_with_lessons(
    enrollments: QuerySet[Enrollment], **annotations: Any
) -> tuple[Enrollment, dict[str, LessonProgress], dict[str, Any]]:
    """The one enrollment of `enrollments`, its lesson progress by lesson key, and the values of
    `annotations`, in one query: a LEFT JOIN answering one row per lesson with progress, or a
    single row without any. Raises Enrollment.DoesNotExist when there is no such enrollment.
    """
    rows = list(
        enrollments.annotate(**annotations).values_list(
            *(field.attname for field in _ENROLLMENT_FIELDS),
            *(f"lessons__{field.name}" for field in _PROGRESS_FIELDS),
            *annotations,
        )
    )
    if not rows:
        raise Enrollment.DoesNotExist("No such enrollment for this user.")
    database = enrollments.db
    split = len(_ENROLLMENT_FIELDS)
    end = split + len(_PROGRESS_FIELDS)
    enrollment = Enrollment.from_db(
        database, [field.attname for field in _ENROLLMENT_FIELDS], rows[0][:split]
    )
    lessons = {}
    for row in rows:
        if row[split] is None:  # the outer join's row for an enrollment without progress
            continue
        lesson = LessonProgress.from_db(
            database, [field.attname for field in _PROGRESS_FIELDS], row[split:end]
        )
        lessons[str(lesson.lesson_key)] = lesson
    return enrollment, lessons, dict(zip(annotations, rows[0][end:], strict=True))


def _states(lessons: dict[str, LessonProgress]) -> dict[str, progress.LessonState]:
    return {
        key: progress.LessonState(
            opened_at=row.opened_at,
            completed_at=row.completed_at,
            attempts=row.attempts,
            best_score=row.best_score,
            last_score=row.last_score,
        )
        for key, row in lessons.items()
    }


def _complete_if_rule_met(
    enrollment: Enrollment,
    outline: Any,
    states: dict[str, progress.LessonState],
    language: str,
) -> dict[str, Any]:
    evaluation = progress.evaluate(
        outline,
        states,
        language=language,
        is_completed=enrollment.status == Status.COMPLETED,
    )
    if evaluation["rule_met"] and enrollment.status == Status.ACTIVE:
        now = timezone.now()
        enrollment.status = Status.COMPLETED
        enrollment.completed_at = now
        enrollment.status_changed_at = now
        enrollment.final_grade = (
            Decimal(evaluation["grade"]) if evaluation["grade"] is not None else None
        )
        enrollment.save(
            update_fields=["status", "completed_at", "status_changed_at", "final_grade"]
        )
        completion_id = str(uuid.uuid5(COMPLETION_NAMESPACE, str(enrollment.registration)))
        LearningEvent.objects.create(
            id=completion_id,
            enrollment=enrollment,
            kind=Kind.COURSE_COMPLETED,
            result={"grade": evaluation["grade"]},
            statement=_statement(
                enrollment,
                outline,
                completion_id,
                "completed",
                now,
                language,
                score=enrollment.final_grade,
                success=True,
                completion=True,
            ),
        )
        enrollment_id = enrollment.pk
        transaction.on_commit(
            lambda: enrollment_completed.send(sender=Enrollment, enrollment_id=enrollment_id)
        )
    return {
        "percent": evaluation["percent"],
        "is_complete": evaluation["is_complete"],
        "grade": evaluation["grade"],
        "status": enrollment.status,
    }


def _statement(
    enrollment: Enrollment,
    outline: Any,
    statement_id: str,
    verb: str,
    timestamp: datetime,
    language: str,
    *,
    lesson: Any = None,
    **result: Any,
) -> dict[str, Any]:
    base = settings.PUBLIC_BASE_URL
    served = courses_api.resolve_language(
        requested=language, available=list(outline.languages), primary=outline.primary_language
    )
    course_url = f"{base}/courses/{outline.slug}"
    title = str(
        courses_api.pick(outline.translations, served, outline.primary_language).get(
            "title", outline.slug
        )
    )
    extra: dict[str, Any] = {}
    if lesson is not None:
        extra = {
            "lesson_url": f"{course_url}/lessons/{lesson.key}",
            "lesson_kind": {"quiz": "quiz", "video": "video"}.get(lesson.kind, "lesson"),
            "lesson_name": str(
                courses_api.pick(lesson.translations, served, outline.primary_language).get(
                    "title", ""
                )
            ),
        }
    return xapi.build_statement(
        statement_id=statement_id,
        verb=verb,
        home_page=base,
        account_name=str(enrollment.user_id),
        course_url=course_url,
        course_name=title,
        registration=str(enrollment.registration),
        language=served,
        timestamp=timestamp,
        **extra,
        **result,
    )


def _log(enrollment: Enrollment, kind: str, *, verb: str, payload: dict[str, Any]) -> None:
    outline = courses_api.get_outline(version_id=enrollment.version_id)
    event_id = str(uuid.uuid4())
    LearningEvent.objects.create(
        id=event_id,
        enrollment=enrollment,
        kind=kind,
        payload=payload,
        result={},
        statement=_statement(
            enrollment, outline, event_id, verb, timezone.now(), outline.primary_language
        ),
    )


# --- reading ------------------------------------------------------------------------------------


def progress_cache_names(*, enrollment_id: int, language: str) -> list[str]:
    """The cache entries `get_progress` reads, for a caller that can read them earlier in a
    round trip of its own (bearer authentication) and pass them as `prefetched`."""
    return progress_cache.names(enrollment_id=enrollment_id, language=language)


def get_progress(
    *,
    user: User,
    enrollment_id: int,
    language: str,
    prefetched: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Exact progress of the user's enrollment: percent, grade, next lesson, what is missing.

    Served from the cache while nothing about the enrollment changed (progress_cache: one
    round trip); otherwise one query whatever the number of events (progress is kept per
    lesson, read with a join). Raises Enrollment.DoesNotExist for unknown or foreign
    enrollments.
    """
    return progress_cache.cached(
        enrollment_id=enrollment_id,
        user_id=user.pk,
        language=language,
        build=lambda: _compute_progress(user=user, enrollment_id=enrollment_id, language=language),
        prefetched=prefetched,
    )


def _compute_progress(*, user: User, enrollment_id: int, language: str) -> dict[str, Any]:
    enrollment, lessons, _none = _read_with_lessons(
        Enrollment.objects.filter(pk=enrollment_id, user=user)
    )
    outline = courses_api.get_outline(version_id=enrollment.version_id)
    with translation.override(language):
        evaluation = progress.evaluate(
            outline,
            _states(lessons),
            language=language,
            last_lesson_key=str(enrollment.last_lesson_key) if enrollment.last_lesson_key else None,
            is_completed=enrollment.status == Status.COMPLETED,
        )
    evaluation.pop("rule_met")
    return {
        "enrollment": enrollment.pk,
        "status": enrollment.status,
        "completed_at": enrollment.completed_at,
        "final_grade": None if enrollment.final_grade is None else str(enrollment.final_grade),
        **evaluation,
    }


def get_lesson_content(
    *, user: User, enrollment_id: int, lesson_key: uuid.UUID, language: str
) -> dict[str, Any]:
    """A lesson of the user's version, for learning (no answer keys). Raises
    Enrollment.DoesNotExist, or KeyError when the lesson is not in the enrolled version."""
    enrollment = get_enrollment_for_user(user=user, enrollment_id=enrollment_id)
    if enrollment.status not in (Status.ACTIVE, Status.COMPLETED):
        raise ValidationError(NOT_ACTIVE, code="not_active")
    outline = courses_api.get_outline(version_id=enrollment.version_id)
    content = courses_api.lesson_for_learner(
        outline=outline, lesson_key=str(lesson_key), language=language
    )
    lesson = outline.lessons[str(lesson_key)]
    row = LessonProgress.objects.filter(enrollment=enrollment, lesson_key=lesson.key).first()
    content["state"] = _lesson_state(lesson, row)
    return content


def _lesson_state(lesson: Any, row: LessonProgress | None) -> dict[str, Any]:
    """Where the learner stands in one lesson, as the server recorded it."""
    state = progress.LessonState(
        opened_at=row.opened_at if row else None,
        completed_at=row.completed_at if row else None,
        attempts=row.attempts if row else 0,
        best_score=row.best_score if row else None,
        last_score=row.last_score if row else None,
    )
    quiz = lesson.quiz
    segments = row.watched_segments if row else []
    length = progress.video_length(
        declared_minutes=lesson.duration_minutes,
        measured=row.video_length_seconds if row else None,
    )
    counted = progress.counted_score(lesson, state)
    started_at = row.attempt_started_at if row else None
    time_limit_ends_at = (
        attempts.attempt_deadline(started_at=started_at, time_limit_minutes=quiz.time_limit_minutes)
        if quiz is not None and started_at is not None
        else None
    )
    return {
        "opened_at": state.opened_at,
        "completed_at": state.completed_at,
        "is_done": progress.is_lesson_done(lesson, state),
        "attempts_used": state.attempts if quiz else None,
        "attempts_allowed": quiz.attempts_allowed if quiz else None,
        "attempts_left": None
        if quiz is None or quiz.attempts_allowed is None
        else max(0, quiz.attempts_allowed - state.attempts),
        "best_score": _score(state.best_score),
        "last_score": _score(state.last_score),
        "counted_score": _score(counted),
        "attempt_started_at": started_at if quiz else None,
        "time_limit_ends_at": time_limit_ends_at,
        "watched_segments": segments if lesson.kind == "video" else None,
        "watched_percent": min(100, int(progress.watched_seconds(segments) * 100 / length))
        if lesson.kind == "video"
        else None,
        "video_length_seconds": length if lesson.kind == "video" else None,
    }


def _score(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def list_statements(
    *, user: User, since: datetime | None = None, until: datetime | None = None
) -> QuerySet[LearningEvent]:
    """The user's own learning records, oldest first, optionally within [since, until)."""
    return _window(LearningEvent.objects.filter(enrollment__user=user), since, until)


def list_course_statements(
    *, user: User, course_slug: str, since: datetime | None = None, until: datetime | None = None
) -> QuerySet[LearningEvent]:
    """Learning records of a course, for members of an institution that owns it.

    Raises PermissionDenied for anyone else (the catalog is public, so the course's existence
    is no secret).
    """
    from courses.models import Course

    course = Course.objects.filter(slug=course_slug).first()
    owners = set(course.institutions.values_list("id", flat=True)) if course else set()
    if not owners & accounts_api.organization_ids_for_user(user=user):
        raise PermissionDenied(NOT_STAFF)
    return _window(LearningEvent.objects.filter(enrollment__course=course), since, until)


def _window(
    events: QuerySet[LearningEvent], since: datetime | None, until: datetime | None
) -> QuerySet[LearningEvent]:
    if since is not None:
        events = events.filter(created_at__gte=since)
    if until is not None:
        events = events.filter(created_at__lt=until)
    return events.order_by("created_at", "id")


# --- staff: analytics (bulk enrolment is in bulk.py, invitations in invitations.py) -------------


def course_analytics(*, user: User, course_slug: str, language: str) -> dict[str, Any]:
    """Enrolments over time, active learners, completion rate, average grade, the funnel by
    module and the share of correct answers per question, for staff of an owning institution.

    Raises Course.DoesNotExist for courses the user does not staff (404 like unknown ones).
    """
    from collections import Counter, defaultdict
    from datetime import timedelta

    from django.db.models import Avg, Count
    from django.db.models.functions import TruncDate

    course = staff.course_for_staff(user=user, course_slug=course_slug)
    enrollments = Enrollment.objects.filter(course=course)
    by_status = dict(enrollments.values_list("status").annotate(n=Count("id")))
    now = timezone.now()
    over_time = (
        enrollments.filter(enrolled_at__gte=now - timedelta(days=90))
        .annotate(day=TruncDate("enrolled_at"))
        .values("day")
        .annotate(count=Count("id"))
        .order_by("day")
    )
    active = (
        LearningEvent.objects.filter(
            enrollment__course=course, created_at__gte=now - timedelta(days=30)
        )
        .values("enrollment_id")
        .distinct()
        .count()
    )
    started = sum(count for status, count in by_status.items() if status != Status.WAITLISTED)
    completed = by_status.get(Status.COMPLETED, 0)
    average = enrollments.filter(status=Status.COMPLETED).aggregate(avg=Avg("final_grade"))["avg"]
    version_id = course.published_version_id
    funnel: list[dict[str, Any]] = []
    difficulty: list[dict[str, Any]] = []
    if version_id is not None:
        outline = courses_api.get_outline(version_id=version_id)
        done_by_enrollment: dict[int, set[str]] = defaultdict(set)
        states = LessonProgress.objects.filter(
            enrollment__course=course, enrollment__version_id=version_id
        )
        for row in states:
            lesson = outline.lessons.get(str(row.lesson_key))
            state = progress.LessonState(
                completed_at=row.completed_at, best_score=row.best_score, last_score=row.last_score
            )
            if lesson is not None and progress.is_lesson_done(lesson, state):
                done_by_enrollment[row.enrollment_id].add(lesson.key)
        for module in outline.modules:
            required = {lesson.key for lesson in module.lessons if lesson.is_required}
            funnel.append(
                {
                    "module": module.key,
                    "number": module.number,
                    "title": str(
                        courses_api.pick(
                            module.translations, language, outline.primary_language
                        ).get("title", "")
                    ),
                    "learners_completed": sum(
                        1 for done in done_by_enrollment.values() if required <= done
                    ),
                }
            )
        answered: Counter[str] = Counter()
        correct: Counter[str] = Counter()
        attempts = LearningEvent.objects.filter(
            enrollment__course=course, kind=Kind.QUIZ_SUBMITTED
        ).values_list("result", flat=True)
        for result in attempts:
            for item in result.get("feedback", []):
                answered[item["question"]] += 1
                correct[item["question"]] += bool(item["correct"])
        for lesson in outline.lessons.values():
            for question in lesson.quiz.questions if lesson.quiz else ():
                texts = courses_api.pick(question.translations, language, outline.primary_language)
                difficulty.append(
                    {
                        "question": question.key,
                        "lesson": lesson.label,
                        "prompt": texts.get("prompt", ""),
                        "answers": answered[question.key],
                        "correct_share": None
                        if not answered[question.key]
                        else round(correct[question.key] / answered[question.key], 3),
                    }
                )
    return {
        "course": course.slug,
        "enrollments": {status: by_status.get(status, 0) for status in Status.values},
        "enrollments_over_time": [{"date": row["day"], "count": row["count"]} for row in over_time],
        "active_learners_30_days": active,
        "completion_rate": None if not started else round(completed / started, 3),
        "average_grade": None if average is None else str(round(Decimal(average), 2)),
        "grade_distribution": _grade_distribution(enrollments),
        "funnel": funnel,
        "questions": difficulty,
    }


def institution_analytics(*, user: User, organization_slug: str, language: str) -> dict[str, Any]:
    """Enrolments and completions over the last 90 days, totals by status, completion rate and
    average final grade of an institution's courses, and the same per course, for its staff
    (author, reviewer, approver, administrator). A fixed number of queries, whatever the number
    of courses.

    Raises Organization.DoesNotExist for unknown organisations, ones that are not institutions,
    and ones the user is not staff of (404 alike).
    """
    from datetime import timedelta

    from django.db.models import Avg, Count
    from django.db.models.functions import TruncDate

    from accounts.models import Organization

    organization = accounts_api.organizations_by_slug(slugs=[organization_slug]).get(
        organization_slug
    )
    staff_of = accounts_api.organization_ids_for_user(user=user, roles=staff.STAFF_ROLES)
    if (
        organization is None
        or organization.kind != Organization.Kind.INSTITUTION
        or organization.pk not in staff_of
    ):
        raise Organization.DoesNotExist
    courses = list(
        courses_api.courses_owned_by(organization_ids={organization.pk})
        .select_related("published_version")
        .order_by("slug")
    )
    enrollments = Enrollment.objects.filter(course__in=[course.pk for course in courses])
    by_course: dict[int, dict[str, int]] = {course.pk: {} for course in courses}
    for course_id, status, count in (
        enrollments.order_by().values_list("course_id", "status").annotate(n=Count("id"))
    ):
        by_course[course_id][status] = count
    grades = dict(
        enrollments.filter(status=Status.COMPLETED)
        .order_by()
        .values_list("course_id")
        .annotate(avg=Avg("final_grade"))
    )
    since = timezone.now() - timedelta(days=90)

    def daily(field: str, rows: QuerySet[Enrollment]) -> list[dict[str, Any]]:
        per_day = (
            rows.filter(**{f"{field}__gte": since})
            .annotate(day=TruncDate(field))
            .order_by()
            .values("day")
            .annotate(count=Count("id"))
            .order_by("day")
        )
        return [{"date": row["day"], "count": row["count"]} for row in per_day]

    overall_grade = enrollments.filter(status=Status.COMPLETED).aggregate(avg=Avg("final_grade"))
    active = (
        LearningEvent.objects.filter(
            enrollment__course__in=[course.pk for course in courses],
            created_at__gte=timezone.now() - timedelta(days=30),
        )
        .values("enrollment__user_id")
        .distinct()
        .count()
    )
    totals = {
        status: sum(counts.get(status, 0) for counts in by_course.values())
        for status in Status.values
    }
    return {
        "institution": organization.slug,
        "name": organization.name,
        "enrollments": totals,
        "enrollments_over_time": daily("enrolled_at", enrollments),
        "completions_over_time": daily(
            "completed_at", enrollments.filter(completed_at__isnull=False)
        ),
        "completions": totals[Status.COMPLETED],
        "completion_rate": _completion_rate(totals),
        "average_grade": _rounded_grade(overall_grade["avg"]),
        "grade_distribution": _grade_distribution(enrollments),
        "active_learners_30_days": active,
        "courses": [
            {
                "course": course.slug,
                "title": staff.course_title(course, language),
                "is_published": course.published_version_id is not None,
                "enrollments": {
                    status: by_course[course.pk].get(status, 0) for status in Status.values
                },
                "completion_rate": _completion_rate(by_course[course.pk]),
                "average_grade": _rounded_grade(grades.get(course.pk)),
            }
            for course in courses
        ],
    }


def _grade_distribution(enrollments: QuerySet[Enrollment]) -> list[dict[str, int]]:
    """Final grades of completed enrolments in ten bands (0–9 … 90–100), in one query."""
    from django.db.models import Count, IntegerField
    from django.db.models.functions import Cast, Floor, Least

    band = Least(Cast(Floor("final_grade") / 10, IntegerField()), 9)
    counts = dict(
        enrollments.filter(status=Status.COMPLETED, final_grade__isnull=False)
        .order_by()
        .annotate(band=band)
        .values_list("band")
        .annotate(n=Count("id"))
    )
    return [
        {"from_grade": 10 * band, "to_grade": 10 * band + 10, "count": counts.get(band, 0)}
        for band in range(10)
    ]


def _completion_rate(by_status: dict[str, int]) -> float | None:
    """Completed among those who started (everyone but the waitlist), to three places."""
    started = sum(count for status, count in by_status.items() if status != Status.WAITLISTED)
    return None if not started else round(by_status.get(Status.COMPLETED, 0) / started, 3)


def _rounded_grade(average: Any) -> str | None:
    return None if average is None else str(round(Decimal(average), 2))
