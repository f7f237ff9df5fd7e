"""ffprobe and ffmpeg for video lessons: probe a file, transcode it to an HLS ladder, grab a poster.

No database here: paths in, facts or files out, progress through a callback. Each refusal is a
`VideoRefused` with a code that courses/video.py turns into a translated message.
"""

import json
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "LADDER",
    "MASTER_PLAYLIST",
    "POSTER",
    "PROBE_TIMEOUT_SECONDS",
    "Probe",
    "Rung",
    "VideoRefused",
    "make_poster",
    "probe",
    "transcode_hls",
]

PROBE_TIMEOUT_SECONDS = 60
SEGMENT_SECONDS = 6
MASTER_PLAYLIST = "master.m3u8"
POSTER = "poster.jpg"


def _tool(name: str) -> str:
    """The absolute path of ffmpeg or ffprobe (Debian's package, installed by `make setup`).
    Raises FileNotFoundError when it is missing: the server's fault, not the file's."""
    path = shutil.which(name)
    if path is None:
        raise FileNotFoundError(f"{name} is not installed (make setup installs it)")
    return path


@dataclass(frozen=True)
class Rung:
    """One rendition of the ladder: its folder name, height and bitrates."""

    name: str
    height: int
    video_bitrate: str
    max_rate: str
    buffer_size: str
    audio_bitrate: str


LADDER = (
    Rung("360p", 360, "800k", "856k", "1200k", "96k"),
    Rung("720p", 720, "2800k", "2996k", "4200k", "128k"),
)


class VideoRefused(Exception):  # noqa: N818 (a verdict, not a bug)
    """The file cannot become a lesson video; `code` says why, `params` fill the message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Probe:
    """What ffprobe found: the duration and whether there is sound."""

    duration_seconds: float
    width: int
    height: int
    has_audio: bool


def probe(path: Path, *, max_seconds: int) -> Probe:
    """Probe `path` with ffprobe. Raises VideoRefused with code `not_a_video` (ffprobe cannot read
    it, or it is a still image), `no_video_stream`, `no_duration` (zero or unknown length) or
    `too_long` (more than `max_seconds`)."""
    try:
        completed = subprocess.run(  # noqa: S603 - our arguments; the path is a stored name
            [
                _tool("ffprobe"),
                "-v",
                "error",
                "-print_format",
                "json",
                "-show_format",
                "-show_streams",
                str(path),
            ],
            capture_output=True,
            timeout=PROBE_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise VideoRefused("not_a_video") from error
    if completed.returncode != 0:
        raise VideoRefused("not_a_video")
    try:
        facts = json.loads(completed.stdout)
    except ValueError as error:
        raise VideoRefused("not_a_video") from error
    streams = facts.get("streams") or []
    format_name = str(facts.get("format", {}).get("format_name", ""))
    # Single images (PNG, JPEG, GIF stills) are "video" streams to ffprobe; text files are "tty".
    if format_name in {"tty", "image2", "png_pipe", "jpeg_pipe", "gif"} or not streams:
        raise VideoRefused("not_a_video")
    videos = [
        stream
        for stream in streams
        if stream.get("codec_type") == "video"
        and not stream.get("disposition", {}).get("attached_pic")
    ]
    if not videos:
        raise VideoRefused("no_video_stream")
    # ffprobe names the codec of every stream it has a decoder for: no name, nothing can read it.
    if not videos[0].get("codec_name"):
        raise VideoRefused("unsupported_codec")
    try:
        duration = float(facts.get("format", {}).get("duration") or videos[0].get("duration") or 0)
    except ValueError:
        duration = 0.0
    if duration <= 0:
        raise VideoRefused("no_duration")
    if duration > max_seconds:
        raise VideoRefused("too_long", limit_minutes=max_seconds // 60)
    return Probe(
        duration_seconds=duration,
        width=int(videos[0].get("width") or 0),
        height=int(videos[0].get("height") or 0),
        has_audio=any(stream.get("codec_type") == "audio" for stream in streams),
    )


def _ladder_arguments(has_audio: bool) -> list[str]:
    split = f"[0:v]split={len(LADDER)}" + "".join(f"[in{i}]" for i in range(len(LADDER)))
    scales = [f"[in{i}]scale=-2:{rung.height}[out{i}]" for i, rung in enumerate(LADDER)]
    arguments = ["-filter_complex", ";".join([split, *scales])]
    stream_map = []
    for index, rung in enumerate(LADDER):
        arguments += ["-map", f"[out{index}]"]
        if has_audio:
            arguments += ["-map", "0:a:0"]
        arguments += [
            f"-b:v:{index}",
            rung.video_bitrate,
            f"-maxrate:v:{index}",
            rung.max_rate,
            f"-bufsize:v:{index}",
            rung.buffer_size,
        ]
        if has_audio:
            arguments += [f"-b:a:{index}", rung.audio_bitrate]
        stream_map.append(
            f"v:{index},a:{index},name:{rung.name}" if has_audio else f"v:{index},name:{rung.name}"
        )
    arguments += ["-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main"]
    arguments += ["-pix_fmt", "yuv420p", "-sc_threshold", "0"]
    # A key frame at every segment boundary, so each segment starts cleanly in every rendition.
    arguments += ["-force_key_frames", f"expr:gte(t,n_forced*{SEGMENT_SECONDS})"]
    if has_audio:
        arguments += ["-c:a", "aac", "-ac", "2", "-ar", "48000"]
    arguments += ["-var_stream_map", " ".join(stream_map)]
    return arguments


def hls_command(source: Path, output: Path, *, has_audio: bool, threads: int) -> list[str]:
    """The ffmpeg command that transcodes `source` into `output` as HLS (the ladder, 6 s segments,
    the master playlist), reporting its progress on stdout. The benchmark runs it alone too, to
    measure what the pipeline adds to it."""
    return [
        _tool("ffmpeg"),
        "-hide_banner",
        "-nostdin",
        "-loglevel",
        "error",
        "-y",
        "-i",
        str(source),
        "-threads",
        str(threads),
        *_ladder_arguments(has_audio),
        "-f",
        "hls",
        "-hls_time",
        str(SEGMENT_SECONDS),
        "-hls_playlist_type",
        "vod",
        "-hls_flags",
        "independent_segments",
        "-hls_segment_filename",
        str(output / "%v" / "seg_%04d.ts"),
        "-master_pl_name",
        MASTER_PLAYLIST,
        "-progress",
        "pipe:1",
        "-nostats",
        str(output / "%v" / "index.m3u8"),
    ]


def transcode_hls(
    source: Path,
    output: Path,
    *,
    facts: Probe,
    threads: int,
    timeout_seconds: float,
    on_progress: Callable[[float], None],
) -> Path:
    """Transcode `source` into `output` as HLS: one folder per rung with `index.m3u8` and 6 s
    segments, and the master playlist; return the master playlist's path.

    `on_progress` is called with the fraction done (0 to 1) as ffmpeg reports it. Raises
    VideoRefused(`transcode_failed`) when ffmpeg fails or exceeds `timeout_seconds`.
    """
    command = hls_command(source, output, has_audio=facts.has_audio, threads=threads)
    deadline = time.monotonic() + timeout_seconds
    with subprocess.Popen(  # noqa: S603 - our arguments; the paths are ours
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None  # noqa: S101 (piped above)
        for line in process.stdout:
            key, _, value = line.strip().partition("=")
            if key == "out_time_us" and value.isdigit():
                on_progress(min(1.0, int(value) / 1_000_000 / facts.duration_seconds))
            if time.monotonic() > deadline:
                process.kill()
                break
        try:
            _, errors = process.communicate(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise VideoRefused("transcode_failed", reason="timeout") from None
    master = output / MASTER_PLAYLIST
    if process.returncode != 0 or not master.exists():
        raise VideoRefused("transcode_failed", reason=(errors or "").strip()[-500:])
    return master


def make_poster(source: Path, output: Path, *, facts: Probe, threads: int) -> Path:
    """A JPEG poster (720 px high at most) from a frame near the start of `source`; its path.
    Raises VideoRefused(`transcode_failed`)."""
    at = min(1.0, facts.duration_seconds / 2)
    poster = output / POSTER
    completed = subprocess.run(  # noqa: S603 - our arguments; the paths are ours
        [
            _tool("ffmpeg"),
            "-hide_banner",
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-ss",
            f"{at:.3f}",
            "-i",
            str(source),
            "-threads",
            str(threads),
            "-frames:v",
            "1",
            "-vf",
            "scale=-2:'min(720,ih)'",
            "-q:v",
            "3",
            str(poster),
        ],
        capture_output=True,
        timeout=PROBE_TIMEOUT_SECONDS,
        check=False,
    )
    if completed.returncode != 0 or not poster.exists():
        raise VideoRefused("transcode_failed", reason=completed.stderr.decode()[-500:])
    return poster
