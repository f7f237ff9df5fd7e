"""seed_scale loads consistent synthetic data, and only what is missing on a second run."""

import pytest
from django.core.management import call_command

from certificates.models import Certificate
from courses.models import CatalogEntry, Course, Lesson
from enrollment.models import Enrollment, LearningEvent, LessonProgress

pytestmark = pytest.mark.django_db


def test_seed_scale_loads_consistent_data_and_is_idempotent() -> None:
    sizes = {"courses": 4, "learners": 5, "enrollments": 8, "events": 30, "certificates": 2}

    call_command("seed_scale", **sizes, verbosity=0)
    call_command("seed_scale", **sizes, verbosity=0)

    assert Course.objects.filter(published_version__isnull=False).count() == 4
    assert CatalogEntry.objects.count() == 4 * 4  # one row per platform language
    assert Lesson.objects.count() == 4 * 9
    assert Enrollment.objects.count() == 8
    assert LearningEvent.objects.count() == 30
    # Every event names a lesson of its enrollment's version.
    for event in LearningEvent.objects.select_related("enrollment")[:30]:
        assert Lesson.objects.filter(
            key=str(event.lesson_key), module__version_id=event.enrollment.version_id
        ).exists()
    assert 0 < LessonProgress.objects.count() <= 30
    # Certificates: issued, for completed enrollments with progress, sharing one rendered PDF.
    certificates = Certificate.objects.select_related("enrollment")
    assert certificates.count() == 2
    assert {c.state for c in certificates} == {"issued"}
    assert {c.enrollment.status for c in certificates} == {"completed"}
    assert len({c.pdf.name for c in certificates}) == 1
    assert all(
        LessonProgress.objects.filter(enrollment_id=c.enrollment_id).exists() for c in certificates
    )


def test_seed_scale_gives_no_certificates_without_learning_events() -> None:
    call_command("seed_scale", courses=2, learners=3, enrollments=3, events=0, verbosity=0)

    assert Enrollment.objects.count() == 3
    assert not Certificate.objects.exists()
