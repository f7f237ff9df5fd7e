"""Demo learners at different stages, with names in several scripts; some have completed."""

import uuid
from decimal import Decimal
from typing import Any

from django.utils import timezone

from accounts.models import User
from courses import api as courses_api
from devdata.accounts import DEMO_PASSWORD
from enrollment import api as enrollment_api
from enrollment.models import Enrollment, LearningEvent

DEMO_NAMESPACE = uuid.UUID("0d3c6f1e-2b1a-4c8e-9f7d-6a5b4c3d2e1f")

# email, full name, native-script name, language, country, {course slug: stage}
LEARNERS: list[tuple[str, str, str, str, str, dict[str, str]]] = [
    (
        "learner@icim.example",
        "Zhang Wei",
        "张伟",
        "zh-hans",
        "CN",
        {
            "lean-smart-factory-operations": "completed",
            "industrial-data-ai-foundations": "halfway",
            "plc-iec-61131-3": "started",
        },
    ),
    (
        "wang.fang@icim.example",
        "Wang Fang",
        "王芳",
        "zh-hans",
        "CN",
        {
            "machine-vision-quality-inspection": "completed",
            "metal-additive-manufacturing": "halfway",
        },
    ),
    (
        "layla.haddad@icim.example",
        "Layla Haddad",
        "ليلى حداد",
        "ar",
        "AE",
        {"industrial-cybersecurity-iec-62443": "completed", "plc-iec-61131-3": "halfway"},
    ),
    (
        "dmitri.volkov@icim.example",
        "Dmitri Volkov",
        "Дмитрий Волков",
        "en",
        "DE",
        {"plc-iec-61131-3": "completed", "functional-safety-machinery": "started"},
    ),
    (
        "priya.sharma@icim.example",
        "Priya Sharma",
        "प्रिया शर्मा",
        "en",
        "GB",
        {
            "industrial-data-ai-foundations": "completed",
            "mes-isa-95-integration": "started",
            "digital-twins-virtual-commissioning": "halfway",
        },
    ),
    ("learner.de@icim.example", "Lena Hoffmann", "", "de", "DE", {"plc-iec-61131-3": "halfway"}),
]


def _correct_answers(quiz: courses_api.OutlineQuiz) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in quiz.questions:
        if question.kind == "single_choice":
            answers[question.key] = next(key for key, ok, _t in question.options if ok)
        elif question.kind == "multiple_choice":
            answers[question.key] = [key for key, ok, _t in question.options if ok]
        elif question.kind == "true_false":
            answers[question.key] = question.true_false_answer
        elif question.kind == "numeric":
            answers[question.key] = str(question.numeric_answer or Decimal(0))
        else:
            answers[question.key] = next(iter(question.accepted_answers.values()))[0]
    return answers


def _play(user: User, enrollment: Enrollment, stage: str) -> None:
    outline = courses_api.get_outline(version_id=enrollment.version_id)
    lessons = list(outline.lessons.values())
    count = {"started": 1, "halfway": len(lessons) // 2, "completed": len(lessons)}[stage]
    for index, lesson in enumerate(lessons[:count]):
        event_id = uuid.uuid5(DEMO_NAMESPACE, f"{user.email}/{lesson.key}")
        payload: dict[str, Any]
        if lesson.quiz is not None:
            kind, payload = "quiz_submitted", {"answers": _correct_answers(lesson.quiz)}
        elif lesson.kind == "video":
            kind, payload = "video_progress", {"segments": [[0, lesson.duration_minutes * 60]]}
        elif index == count - 1 and stage != "completed":
            kind, payload = "lesson_opened", {}
        else:
            kind, payload = "lesson_completed", {}
        if kind == "quiz_submitted" and not LearningEvent.objects.filter(pk=event_id).exists():
            enrollment_api.start_quiz_attempt(
                user=user, enrollment_id=enrollment.pk, lesson_key=uuid.UUID(lesson.key)
            )
        enrollment_api.record_event(
            user=user,
            enrollment_id=enrollment.pk,
            event_id=event_id,
            kind=kind,
            lesson_key=uuid.UUID(lesson.key),
            payload=payload,
            language=user.preferred_language,
        )


def seed_learners() -> list[tuple[str, str, str]]:
    """Enrol the demo learners and replay their learning; idempotent (fixed event ids)."""
    summary = []
    for email, full_name, native_name, language, country, stages in LEARNERS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": full_name,
                "native_name": native_name,
                "preferred_language": language,
                "country": country,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if user.email_confirmed_at is None:  # demo learners sign in straight away
            user.email_confirmed_at = timezone.now()
            user.save(update_fields=["email_confirmed_at"])
        for slug, stage in stages.items():
            enrollment = enrollment_api.enroll(user=user, course_slug=slug, language=language)
            _play(user, enrollment, stage)
            enrollment.refresh_from_db()
            summary.append((email, slug, enrollment.status))
    return summary
