"""What learners play: the ready video of each lesson, and the stored playlists, segments and
posters a player asks for (through the one download view, whose opener, enrollment.videos,
checks access). The source upload is never served.
"""

import re
import uuid
from pathlib import PurePosixPath

from django.core.files import File

from accounts import api as accounts_api
from courses import video_storage
from courses.models import VideoAsset

__all__ = ["get_video_file", "playing_videos"]

_STORED_NAME = re.compile(
    r"^videos/(?P<asset>[0-9a-f]{32})/"
    r"(?P<path>hls/master\.m3u8|hls/(?:360p|720p)/(?:index\.m3u8|seg_\d{4,6}\.ts)|poster\.jpg)$"
)
_CONTENT_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".ts": "video/mp2t",
    ".jpg": "image/jpeg",
}


def playing_videos(*, course_id: int, lesson_keys: list[uuid.UUID]) -> dict[uuid.UUID, VideoAsset]:
    """The ready video each lesson plays (its newest ready asset), by lesson key; one query."""
    chosen: dict[uuid.UUID, VideoAsset] = {}
    for asset in VideoAsset.objects.filter(
        course_id=course_id, lesson_key__in=lesson_keys, state=VideoAsset.State.READY
    ).order_by("-ready_at"):
        chosen.setdefault(asset.lesson_key, asset)
    return chosen


class _StoredName:
    """A stored name that opens like a FieldFile (what the download view reads)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def open(self, mode: str = "rb") -> File:
        return video_storage.videos_storage().open(self.name, mode)


def get_video_file(*, name: str) -> tuple[VideoAsset, accounts_api.StoredFile]:
    """A playlist, segment or poster of a ready video by its stored name, with its asset; no
    access is checked here (enrollment.api.open_video_file does). The source upload is never
    offered. Raises VideoAsset.DoesNotExist."""
    match = _STORED_NAME.match(name)
    if match is None:
        raise VideoAsset.DoesNotExist
    asset = VideoAsset.objects.get(pk=uuid.UUID(hex=match["asset"]), state=VideoAsset.State.READY)
    return asset, accounts_api.StoredFile(
        file=_StoredName(name),
        download_name=PurePosixPath(name).name,
        content_type=_CONTENT_TYPES[PurePosixPath(name).suffix],
        cache_control=video_storage.cache_control_for(name),
        redirect_url=video_storage.signed_segment_url(video_storage.videos_storage(), name),
    )
