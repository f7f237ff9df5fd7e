"""seed_scale loads consistent synthetic data, and only what is missing on a second run."""

import pytest
from django.core.management import call_command

from courses.models import CatalogEntry, Course, Lesson
from enrollment.models import Enrollment, LearningEvent, LessonProgress

pytestmark = pytest.mark.django_db


def test_seed_scale_loads_consistent_data_and_is_idempotent() -> None:
    sizes = {"courses": 4, "learners": 5, "enrollments": 8, "events": 30}

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
            key=event.lesson_key, module__version_id=event.enrollment.version_id
        ).exists()
    assert 0 < LessonProgress.objects.count() <= 30
