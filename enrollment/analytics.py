"""Staff analytics of a course and of an institution: enrolments, completion, grades, the
funnel by module and how hard each question is."""

from collections import Counter, defaultdict
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, IntegerField, QuerySet
from django.db.models.functions import Cast, Floor, Least, TruncDate
from django.utils import timezone

from accounts import api as accounts_api
from accounts.models import Organization, User
from courses import api as courses_api
from enrollment import progress, staff
from enrollment.models import Enrollment, LearningEvent, LessonProgress

__all__ = ["course_analytics", "institution_analytics"]

Status = Enrollment.Status
Kind = LearningEvent.Kind


def course_analytics(*, user: User, course_slug: str, language: str) -> dict[str, Any]:
    """Enrolments over time, active learners, completion rate, average grade, the funnel by
    module and the share of correct answers per question, for staff of an owning institution.

    Raises Course.DoesNotExist for courses the user does not staff (404 like unknown ones).
    """
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
