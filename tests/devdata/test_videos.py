"""The generated demo videos: sentences, captions, and one real (short) clip."""

import json
import shutil
import subprocess
from pathlib import Path

from devdata import videos as demo_media
from devdata.courses import DATA_DIR
from tests.conftest import need_service


def test_every_demo_video_lesson_gets_a_clip_in_its_course_language() -> None:
    clips = demo_media.demo_clips(DATA_DIR)

    assert len(clips) == 14
    assert {clip.language for clip in clips} == {"en", "de", "zh-hans"}
    assert all(clip.sentences for clip in clips)


def test_demo_video_lessons_declare_the_length_of_their_clips() -> None:
    # A clip runs at most MAX_SECONDS (26 s): the course page says one minute, not twelve.
    declared = {
        lesson["duration_minutes"]
        for path in (DATA_DIR / "demo_courses").glob("*.json")
        for module in json.loads(path.read_text(encoding="utf-8"))["course"]["modules"]
        for lesson in module["lessons"]
        if lesson["kind"] == "video"
    }

    assert demo_media.MAX_SECONDS <= 60
    assert declared == {1}


def test_sentences_split_latin_and_chinese_text() -> None:
    text = "First one. Second one?\n\nThird!大家好。今天很好！"

    assert demo_media._sentences(text) == [
        "First one.",
        "Second one?",
        "Third!大家好。",
        "今天很好！",
    ]


def test_captions_are_webvtt_cues_one_per_sentence() -> None:
    vtt = demo_media._webvtt([(0.0, 1.5), (1.5, 62.25)], ("Hello.", "Goodbye."))

    assert vtt == (
        "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.500\nHello.\n\n"
        "2\n00:00:01.500 --> 00:01:02.250\nGoodbye.\n"
    )


def test_a_clip_is_narrated_captioned_and_cached(tmp_path: Path) -> None:
    need_service("ffmpeg and espeak-ng", bool(shutil.which("ffmpeg") and shutil.which("espeak-ng")))
    clip = demo_media.DemoClip(
        course_slug="plc-basics",
        lesson_index=0,
        language="de",
        title="Ein Zyklus in Zeitlupe",
        sentences=("Willkommen.", "Heute sehen wir einen Zyklus."),
        translations={"en": ("Welcome.", "Today we watch one cycle."), "zh-hans": ("欢迎。",)},
    )

    path, captions = demo_media.make_clip(clip, tmp_path)
    again, _ = demo_media.make_clip(clip, tmp_path)

    assert again == path
    assert sorted(captions) == ["de", "en"]  # too few Chinese sentences for the cues
    assert captions["en"].splitlines()[4] == "Welcome."
    probe = json.loads(
        subprocess.run(
            [str(shutil.which("ffprobe")), "-v", "error", "-print_format", "json",
             "-show_streams", str(path)],
            capture_output=True, check=True,
        ).stdout
    )  # fmt: skip
    assert sorted(stream["codec_type"] for stream in probe["streams"]) == ["audio", "video"]
