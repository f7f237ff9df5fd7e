"""Keeps cached progress answers honest: any saved change to an enrollment or its lesson
progress (admin edits included) drops that enrollment's cached answers. Cache invalidation,
not domain behaviour, hence model signals. And cmi5: statements stored in the LRS apply the
AU's moveOn to progress (lrs sits below enrollment, so it signals)."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from enrollment import package_cmi5_moveon, progress_cache
from enrollment.models import Enrollment, LessonProgress
from lrs import api as lrs_api


@receiver(post_save, sender=Enrollment, dispatch_uid="enrollment.forget_progress_of_enrollment")
@receiver(post_delete, sender=Enrollment, dispatch_uid="enrollment.forget_progress_deleted")
def forget_progress(sender: Any, instance: Enrollment, **kwargs: Any) -> None:
    # Creation too: after a database restore (or a test database made afresh) an id may come
    # again while the cache still holds an answer for its earlier holder.
    progress_cache.invalidate(enrollment_id=instance.pk)


@receiver(post_save, sender=LessonProgress, dispatch_uid="enrollment.forget_progress_of_lesson")
@receiver(post_delete, sender=LessonProgress, dispatch_uid="enrollment.forget_lesson_deleted")
def forget_progress_of_lesson(sender: Any, instance: LessonProgress, **kwargs: Any) -> None:
    progress_cache.invalidate(enrollment_id=instance.enrollment_id)


@receiver(lrs_api.statements_stored, dispatch_uid="enrollment.cmi5_move_on")
def apply_cmi5_move_on(
    sender: Any, organization_id: int, statement_ids: list[str], **kwargs: Any
) -> None:
    # An AU's results arrive through the LRS, not through enrollment: moveOn follows them.
    package_cmi5_moveon.apply_move_on(organization_id=organization_id, statement_ids=statement_ids)
