"""Demo videos made on this machine: a title slide narrated by espeak-ng, with WebVTT captions.

For each video lesson of the demo courses (devdata/data/demo_courses): the first sentences of its
transcript (about 18 to 26 s of speech) in the course's primary language are spoken by espeak-ng,
a slide with the lesson's title and a progress bar is drawn by ffmpeg's lavfi sources, and the
clip then goes through the same pipeline as an author's upload (courses/video_processing.py).
Captions: the narrated sentences, cue by cue, and the same number of sentences of each
translation on the same cues. Clips and what the pipeline made of them are cached in
var/demo-media/ by the hash of what makes them, so a fresh database gets its videos without
ffmpeg; a lesson that already plays a ready video is left alone.
"""

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
import textwrap
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from courses import api as courses_api
from courses.models import Course, Lesson
from devdata.courses import DATA_DIR

__all__ = ["DemoClip", "demo_clips", "make_clip", "seed_demo_videos"]

# Bump when the way clips are made changes: every cached clip is then made again.
GENERATOR_VERSION = "1"
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")  # Latin and CJK
VOICES = {"en": "en", "de": "de", "zh-hans": "cmn"}
TARGET_SECONDS = 18.0
MAX_SECONDS = 26.0
# Slides: a low frame rate keeps making and transcoding twelve clips within a minute on 2 cores.
FRAME_RATE = 10
_BACKGROUND = "color=c=0x12355b:size=1280x720"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")


@dataclass(frozen=True)
class DemoClip:
    """What one demo video is made of."""

    course_slug: str
    lesson_index: int  # position among the course's video lessons, for the cache
    language: str
    title: str
    sentences: tuple[str, ...]
    translations: dict[str, tuple[str, ...]]

    def digest(self) -> str:
        # The translations make the other languages' captions, cached with the clip.
        translations = sorted(self.translations.items())
        facts = [GENERATOR_VERSION, self.language, self.title, self.sentences, FRAME_RATE]
        facts += [translations] if translations else []
        return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode()).hexdigest()[:24]


def _sentences(text: str) -> list[str]:
    paragraphs = [part.strip() for part in text.split("\n") if part.strip()]
    return [
        sentence.strip()
        for paragraph in paragraphs
        for sentence in _SENTENCE_END.split(paragraph)
        if sentence.strip()
    ]


def demo_clips(data_dir: Path) -> list[DemoClip]:
    """Every demo video lesson (in a language espeak-ng speaks) as a clip to make."""
    clips = []
    for path in sorted((data_dir / "demo_courses").glob("*.json")):
        course = json.loads(path.read_text(encoding="utf-8"))["course"]
        language = course["primary_language"]
        video_index = 0
        for module in course["modules"]:
            for lesson in module["lessons"]:
                if lesson["kind"] == "video" and language in VOICES:
                    texts = lesson["translations"]
                    clips.append(
                        DemoClip(
                            course_slug=course["slug"],
                            lesson_index=video_index,
                            language=language,
                            title=texts[language]["title"],
                            sentences=tuple(_sentences(texts[language].get("transcript", ""))),
                            translations={
                                other: tuple(_sentences(values.get("transcript", "")))
                                for other, values in texts.items()
                                if other != language
                            },
                        )
                    )
                if lesson["kind"] == "video":
                    video_index += 1
    return clips


def _run(*arguments: str) -> None:
    subprocess.run(arguments, check=True, capture_output=True, timeout=120)  # noqa: S603 - ours


def _speak(text: str, voice: str, path: Path) -> float:
    _run(str(shutil.which("espeak-ng")), "-v", voice, "-s", "160", "-w", str(path), text)
    with wave.open(str(path)) as spoken:
        return spoken.getnframes() / spoken.getframerate()


def _timestamp(seconds: float) -> str:
    milliseconds = round(seconds * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _webvtt(cues: list[tuple[float, float]], sentences: tuple[str, ...]) -> str:
    lines = ["WEBVTT", ""]
    for number, ((start, end), sentence) in enumerate(zip(cues, sentences, strict=False), 1):
        lines += [str(number), f"{_timestamp(start)} --> {_timestamp(end)}", sentence, ""]
    return "\n".join(lines)


def make_clip(clip: DemoClip, folder: Path) -> tuple[Path, dict[str, str]]:
    """Make the clip (MP4) in `folder` and its captions by language; cached there by digest."""
    target = folder / f"{clip.digest()}.mp4"
    captions_file = folder / f"{clip.digest()}.vtt.json"
    if target.exists() and captions_file.exists():
        return target, json.loads(captions_file.read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="icim-demo-") as work_dir:
        work = Path(work_dir)
        parts: list[Path] = []
        cues: list[tuple[float, float]] = []
        elapsed = 0.0
        for index, sentence in enumerate(clip.sentences):
            part = work / f"part{index}.wav"
            seconds = _speak(sentence, VOICES[clip.language], part)
            if parts and elapsed + seconds > MAX_SECONDS:
                break
            parts.append(part)
            cues.append((elapsed, elapsed + seconds))
            elapsed += seconds
            if elapsed >= TARGET_SECONDS:
                break
        narration = work / "narration.wav"
        with wave.open(str(parts[0])) as first:
            parameters = first.getparams()
        with wave.open(str(narration), "wb") as joined:
            joined.setparams(parameters)
            for part in parts:
                with wave.open(str(part)) as spoken:
                    joined.writeframes(spoken.readframes(spoken.getnframes()))
        duration = min(MAX_SECONDS, elapsed + 1.0)
        width = 18 if clip.language.startswith("zh") else 34
        title = work / "title.txt"
        title.write_text("\n".join(textwrap.wrap(clip.title, width)), encoding="utf-8")
        draft = work / "clip.mp4"
        video_filter = (
            f"[0:v]drawtext=fontfile={FONT}:textfile={title}:fontcolor=white:fontsize=54:"
            "line_spacing=14:x=(w-text_w)/2:y=(h-text_h)/2-40,"
            f"drawtext=fontfile={FONT}:text='ICIM Academy demo':fontcolor=0xb8c7dd:"
            "fontsize=28:x=(w-text_w)/2:y=h-110[slide];"
            f"[slide][1:v]overlay=x='-w+W*t/{duration:.3f}':y=H-10:eval=frame:shortest=1[v];"
            "[2:a]apad[a]"
        )
        _run(
            str(shutil.which("ffmpeg")), "-v", "error", "-y", "-nostdin",
            "-f", "lavfi", "-i", f"{_BACKGROUND}:rate={FRAME_RATE}:duration={duration:.3f}",
            "-f", "lavfi", "-i", f"color=c=0x4fc3f7:size=1280x10:rate={FRAME_RATE}",
            "-i", str(narration),
            "-filter_complex", video_filter, "-map", "[v]", "-map", "[a]",
            "-t", f"{duration:.3f}", "-c:v", "libx264", "-preset", "ultrafast",
            "-tune", "stillimage", "-crf", "28", "-c:a", "aac", "-b:a", "64k", str(draft),
        )  # fmt: skip
        captions = {clip.language: _webvtt(cues, clip.sentences)}
        for language, sentences in clip.translations.items():
            if len(sentences) >= len(cues):
                captions[language] = _webvtt(cues, sentences)
        shutil.move(draft, target)
    captions_file.write_text(json.dumps(captions, ensure_ascii=False), encoding="utf-8")
    return target, captions


def seed_demo_videos(*, data_dir: Path | None = None) -> dict[str, Any]:
    """Give every demo video lesson that plays no ready video its generated clip, transcoded
    now by the lesson video pipeline. Returns counts: made, cached, skipped."""
    folder = Path(settings.BASE_DIR) / "var" / "demo-media"
    counts = {"made": 0, "cached": 0, "skipped": 0}
    for clip in demo_clips(data_dir or DATA_DIR):
        course = Course.objects.filter(slug=clip.course_slug).first()
        version = course.versions.order_by("-number").first() if course else None
        if course is None or version is None:
            continue
        keys = list(
            Lesson.objects.filter(module__version=version, kind=Lesson.Kind.VIDEO)
            .order_by("module__position", "position")
            .values_list("key", flat=True)
        )
        if clip.lesson_index >= len(keys):
            continue
        lesson_key = keys[clip.lesson_index]
        if courses_api.playing_videos(course_id=course.pk, lesson_keys=[lesson_key]):
            counts["skipped"] += 1
            continue
        path, captions = make_clip(clip, folder)
        outputs = folder / clip.digest()
        facts_file = outputs / "duration.json"
        if facts_file.exists():
            courses_api.restore_lesson_video(
                course_id=course.pk,
                lesson_key=lesson_key,
                source=path,
                outputs=outputs / "files",
                duration_seconds=json.loads(facts_file.read_text())["duration_seconds"],
                captions=captions,
            )
            counts["cached"] += 1
            continue
        asset = courses_api.add_lesson_video_file(
            course_id=course.pk, lesson_key=lesson_key, path=path, captions=captions
        )
        counts["made"] += 1
        if asset is not None and asset.state == asset.State.READY:
            shutil.rmtree(outputs, ignore_errors=True)
            courses_api.copy_video_outputs(asset_id=asset.pk, target=outputs / "files")
            facts_file.write_text(json.dumps({"duration_seconds": asset.duration_seconds}))
    return counts
