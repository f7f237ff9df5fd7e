"""Uploads that no post claimed within a day are deleted with their files; claimed ones and
recent ones stay."""

from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from discussions import api as discussions_api
from discussions.models import Attachment
from discussions.tasks import discard_unclaimed_attachments_task

pytestmark = pytest.mark.django_db
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _upload(world: SimpleNamespace, name: str) -> Attachment:
    return discussions_api.upload_attachment(
        user=world.learner,
        course_slug="plc-basics",
        file=SimpleUploadedFile(name, PNG, content_type="image/png"),
    )


def test_only_uploads_unclaimed_for_a_day_are_discarded_with_their_files(
    world: SimpleNamespace,
) -> None:
    stale, recent, claimed = (_upload(world, f"{n}.png") for n in ("stale", "recent", "claimed"))
    discussions_api.start_thread(
        user=world.learner,
        course_slug="plc-basics",
        kind="question",
        title="Why?",
        body="See the picture.",
        attachment_keys=[claimed.key],
    )
    a_day_ago = timezone.now() - timedelta(hours=25)
    Attachment.objects.filter(pk__in=[stale.pk, claimed.pk]).update(created_at=a_day_ago)
    stored = {a.pk: Path(settings.MEDIA_ROOT) / a.file.name for a in (stale, recent, claimed)}
    assert all(path.exists() for path in stored.values())

    assert discard_unclaimed_attachments_task() == 1

    assert set(Attachment.objects.values_list("pk", flat=True)) == {recent.pk, claimed.pk}
    assert not stored[stale.pk].exists()
    assert stored[recent.pk].exists()
    assert stored[claimed.pk].exists()
    assert discussions_api.discard_unclaimed_attachments() == 0
