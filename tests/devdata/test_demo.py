"""The demo data loads through the real import and learning paths and keeps its promises."""

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from accounts.models import Organization, User
from courses.models import CatalogEntry, Course, CourseVersion, Question
from enrollment.models import Enrollment
from events.models import Event
from practices.models import CaseStudy
from programs.models import Program
from seats.models import SeatPool

pytestmark = pytest.mark.django_db


def test_seed_demo_publishes_a_multilingual_catalog_and_is_idempotent(
    settings: object, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.DEBUG = True  # type: ignore[attr-defined]
    # As under `PORT=9000 make run`: the settings derive the address from the port served.
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:9000"  # type: ignore[attr-defined]

    call_command("seed_demo")
    counts = (
        User.objects.count(),
        Course.objects.count(),
        CourseVersion.objects.count(),
        Question.objects.count(),
    )
    call_command("seed_demo")

    assert (
        User.objects.count(),
        Course.objects.count(),
        CourseVersion.objects.count(),
        Question.objects.count(),
    ) == counts
    published = CourseVersion.objects.filter(state="published")
    assert published.count() >= 12
    case_study = CaseStudy.objects.get()  # published once, through the review
    assert case_study.state == "published"
    assert [step.action for step in case_study.transitions.all()] == [
        "submit",
        "approve",
        "publish",
    ]
    event = Event.objects.get()  # an upcoming webinar, drafted by the author, published once
    assert (event.state, event.created_by.email, event.published_by.email) == (
        "published",
        "author@icim.example",
        "approver@icim.example",
    )
    assert event.starts_at > timezone.now()
    assert sorted(event.translations) == ["de", "en", "zh-hans"]
    program = Program.objects.get()  # Smart Factory Engineer, drafted and published once
    assert (program.state, program.created_by.email, program.published_by.email) == (
        "published",
        "author@icim.example",
        "approver@icim.example",
    )
    assert list(program.entries.values_list("course__slug", flat=True)) == [
        "plc-iec-61131-3",
        "opc-ua-mqtt-connectivity",
        "digital-twins-virtual-commissioning",
    ]
    # Meridian Motion's pools: the course pool (newest, the page opens on it) and the program's
    pools = SeatPool.objects.filter(organization__slug="meridian-motion").order_by("-created_at")
    assert [(p.course_id and p.course.slug, p.program_id, p.seat_count) for p in pools] == [
        ("plc-iec-61131-3", None, 5),
        (None, program.pk, 3),
    ]
    institutions = Organization.objects.filter(courses__isnull=False).distinct()
    assert institutions.count() >= 4
    assert len(set(institutions.values_list("country", flat=True))) >= 4
    languages = set(CatalogEntry.objects.values_list("served_language", flat=True))
    assert {"en", "zh-hans", "de"} <= languages
    bilingual = (
        CatalogEntry.objects.values("course")
        .annotate(languages=Count("served_language", distinct=True))
        .filter(languages__gte=2)
    )
    assert bilingual.count() >= 3
    for version in published:
        if version.course.slug == "shop-floor-sensors-quick-tour":
            continue  # the short taster that frontend/e2e/video-course.spec.ts plays end to end
        assert version.modules.count() >= 3, version.course.slug
        quiz_sizes = [
            lesson.quiz.questions.count()
            for module in version.modules.all()
            for lesson in module.lessons.filter(kind="quiz")
        ]
        assert max(quiz_sizes) >= 5, version.course.slug
    output = capsys.readouterr().out
    assert "learner@icim.example" in output
    # The issued certificates' links name the port actually served.
    assert "http://127.0.0.1:9000/verify/" in output
    assert "127.0.0.1:8000" not in output
    completed_names = set(
        Enrollment.objects.filter(status="completed").values_list("user__native_name", flat=True)
    )
    # Chinese, Arabic and Cyrillic names among learners who completed a course.
    assert {"张伟", "ليلى حداد", "Дмитрий Волков"} <= completed_names
    assert Enrollment.objects.filter(status="active").count() >= 5
    # Every demo account signs in with the demo password (none waits for an e-mail confirmation).
    from django.contrib.auth import authenticate

    from devdata.accounts import DEMO_PASSWORD

    cannot_sign_in = [
        user.email
        for user in User.objects.all()
        if authenticate(username=user.email, password=DEMO_PASSWORD) is None
    ]
    assert cannot_sign_in == []
    # Every completion has its issued certificate, names in their scripts included.
    from certificates.models import Certificate

    certificates = Certificate.objects.filter(state="issued")
    assert certificates.count() == Enrollment.objects.filter(status="completed").count()
    assert {"张伟", "ليلى حداد", "Дмитрий Волков"} <= set(
        certificates.values_list("learner_native_name", flat=True)
    )
