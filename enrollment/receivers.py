"""Keeps cached progress answers honest: any saved change to an enrollment or its lesson
progress (admin edits included) drops that enrollment's cached answers. Cache invalidation,
not domain behaviour, hence model signals."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from enrollment import progress_cache
from enrollment.models import Enrollment, LessonProgress


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
