"""Keeps the catalog's search texts honest when what they copy changes outside `courses.api`:
an institution renamed (organisations live in `accounts`, edited in the admin) or a course's
institutions changed. Upkeep of denormalized text, not domain behaviour, hence model signals.
Also queues the transcode of an uploaded lesson video, and the unpacking of an uploaded
e-learning package, once their upload committed (`courses.signals`)."""

from typing import Any

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from accounts.models import Organization
from config.tasks import queue_committed
from courses import catalog_cache, tasks
from courses.models import Course, ElearningPackage, VideoAsset
from courses.search import write_search_texts
from courses.signals import elearning_package_uploaded, video_uploaded


@receiver(post_save, sender=Organization, dispatch_uid="courses.search_after_organization_saved")
def refresh_after_organization_saved(sender: Any, instance: Organization, **kwargs: Any) -> None:
    if kwargs.get("created") or kwargs.get("raw"):
        return  # a new organisation owns no course yet; fixtures load their own rows
    through = Course.institutions.through
    course_ids = list(
        through.objects.filter(organization_id=instance.pk).values_list("course_id", flat=True)
    )
    if course_ids and write_search_texts(course_ids=course_ids):
        catalog_cache.invalidate()


@receiver(
    m2m_changed, sender=Course.institutions.through, dispatch_uid="courses.search_institutions"
)
def refresh_after_institutions_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # organization.courses.add(...): the courses are the pks
        course_ids = list(pk_set or ())
        if action == "post_clear":
            return  # the cleared courses are unknown here; rare (admin), caught on republish
    else:
        course_ids = [instance.pk]
    if course_ids and write_search_texts(course_ids=course_ids):
        catalog_cache.invalidate()


@receiver(video_uploaded, sender=VideoAsset, dispatch_uid="courses.transcode_uploaded_video")
def queue_transcode(sender: Any, asset_id: Any, **kwargs: Any) -> None:
    """Sent after the upload's transaction committed: the worker finds the stored file."""
    queue_committed(tasks.process_video_task, str(asset_id))


@receiver(
    elearning_package_uploaded,
    sender=ElearningPackage,
    dispatch_uid="courses.store_uploaded_elearning_package",
)
def queue_package_storing(sender: Any, package_id: Any, **kwargs: Any) -> None:
    """Sent after the upload's transaction committed: the worker finds the kept zip."""
    queue_committed(tasks.store_elearning_package_task, str(package_id))
