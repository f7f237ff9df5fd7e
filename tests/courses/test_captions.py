"""WebVTT captions: checked by line wherever they enter, served safe to those who may see the
lesson, in every language the lesson has, and searchable."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from rest_framework.test import APIClient

from accounts.models import User
from courses import api as courses_api
from courses.captions import captions_plain_text, check_captions, safe_captions
from courses.models import Course, Lesson, VideoAsset
from courses.outline import cached_outline
from enrollment import api as enrollment_api
from tests.courses.conftest import make_package

GOOD = (
    "WEBVTT\n"
    "\n"
    "1\n"
    "00:00:00.000 --> 00:00:02.000\n"
    "The scan cycle reads inputs.\n"
    "\n"
    "2\n"
    "00:00:01.500 --> 00:00:04.000\n"  # overlaps the first cue: legal WebVTT
    "<v Anna>Then it solves the logic.</v>\n"
)
REVERSED = "WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nBackwards.\n"
BACKWARDS_IN_TIME = (
    "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nLater.\n\n00:00:02.000 --> 00:00:03.000\nEarlier.\n"
)
BAD_TIMING = "WEBVTT\n\nintro\n00:00:61.000 --> 00:01:00.000\nSixty-one seconds.\n"
HOSTILE = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n"
    "<script>alert(1)</script><img src=x onerror=alert(2)> <b>bold</b> <i.loud>it</i>\n"
)


@pytest.fixture(autouse=True)
def _fresh_outlines() -> None:
    """Outlines are cached per process by version id, and ids repeat from test to test."""
    cached_outline.cache_clear()


def _lines(text: str, **options: Any) -> list[tuple[int, str]]:
    return [(problem.line, problem.message) for problem in check_captions(text, **options)]


# --- the check ------------------------------------------------------------------------------------


def test_good_captions_with_overlapping_cues_pass() -> None:
    assert _lines(GOOD) == []
    assert _lines("") == []  # no captions at all


def test_a_cue_that_ends_before_it_starts_names_its_timing_line() -> None:
    assert _lines(REVERSED) == [
        (3, "Line 3: the cue ends at 00:00:04.000, which is not after its start at 00:00:05.000.")
    ]


def test_a_cue_that_ends_where_it_starts_is_refused_too() -> None:
    assert [line for line, _message in _lines(REVERSED.replace("04.000", "05.000"))] == [3]


def test_a_cue_that_goes_back_in_time_names_both_lines() -> None:
    assert _lines(BACKWARDS_IN_TIME) == [
        (
            6,
            "Line 6: the cue starts at 00:00:02.000, before the cue on line 3 (00:00:05.000). "
            "Cues must be in order of their start time.",
        )
    ]


def test_bad_timings_a_missing_timing_line_and_a_bad_header_name_their_lines() -> None:
    assert [line for line, _message in _lines(BAD_TIMING)] == [4]
    assert _lines("WEBVTT\n\nJust words.\n")[0][0] == 3
    assert _lines("WEBVTT\n00:00.000 --> 00:01.000\nNo empty line.\n")[0][0] == 2
    assert _lines("1\n00:00.000 --> 00:01.000\nNo header.\n") == [
        (1, "Line 1: a WebVTT file starts with the line WEBVTT.")
    ]
    assert _lines("WEBVTT\n\n00:00.000 --> 00:01.000\nA\n00:01.000 --> 00:02.000\nB\n")[0][0] == 5


def test_a_cue_starting_after_the_video_is_refused() -> None:
    assert _lines(GOOD, length_seconds=1.0) == [
        (8, "Line 8: the cue starts at 00:00:01.500, after the end of the video (00:00:01.000).")
    ]
    # running past the end is accepted: measured lengths are rounded
    assert _lines(GOOD, length_seconds=3.0) == []


def test_messages_are_in_the_users_language() -> None:
    with translation.override("de"):
        assert _lines(REVERSED)[0][1].startswith("Zeile 3:")
    with translation.override("zh-hans"):
        assert _lines(REVERSED)[0][1].startswith("第 3 行")
    with translation.override("ar"):
        assert "3" in _lines(REVERSED)[0][1]


def test_tags_that_are_not_webvtts_own_are_escaped_and_webvtt_tags_kept() -> None:
    cue = safe_captions(HOSTILE).splitlines()[3]

    assert cue == (
        "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; "
        "<b>bold</b> <i.loud>it</i>"
    )
    assert "<script" not in safe_captions(HOSTILE)
    assert "<img" not in safe_captions(HOSTILE)


def test_plain_text_is_the_cue_text_without_timings_or_tags() -> None:
    assert captions_plain_text(GOOD) == "The scan cycle reads inputs.\nThen it solves the logic."
    assert captions_plain_text("not captions") == ""


# --- captions entering with a package -------------------------------------------------------------


def _with_captions(captions_by_language: dict[str, str], **course: Any) -> dict[str, Any]:
    package = make_package(**course)
    video = package["course"]["modules"][0]["lessons"][1]
    for language, captions in captions_by_language.items():
        video["translations"][language]["captions"] = captions
    return package


def test_a_package_with_bad_captions_is_refused_with_the_line(
    framework: None, staff: dict[str, User]
) -> None:
    package = _with_captions({"en": GOOD, "de": REVERSED})

    with pytest.raises(courses_api.InvalidPackageError) as refused:
        courses_api.import_course_package(user=staff["author"], data=package)

    assert [(problem.location, problem.message) for problem in refused.value.problems] == [
        (
            "course.modules[0].lessons[1].translations.de.captions",
            "Line 3: the cue ends at 00:00:04.000, which is not after its start at 00:00:05.000.",
        )
    ]
    assert not Course.objects.exists()


def test_an_authoring_save_answers_400_naming_the_line_in_the_users_language(
    framework: None, staff: dict[str, User]
) -> None:
    courses_api.import_course_package(user=staff["author"], data=make_package())
    client = APIClient()
    client.force_authenticate(staff["author"])

    response = client.put(
        "/api/v1/authoring/courses/plc-basics/package",
        _with_captions({"en": BACKWARDS_IN_TIME}),
        format="json",
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert response.status_code == 400
    problems = response.json()["problems"]
    assert [problem["location"] for problem in problems] == [
        "course.modules[0].lessons[1].translations.en.captions"
    ]
    assert problems[0]["message"].startswith("Zeile 6:")


def test_captions_count_as_a_translated_lesson_text(
    framework: None, staff: dict[str, User]
) -> None:
    version = courses_api.import_course_package(
        user=staff["author"], data=_with_captions({"en": GOOD})
    )

    completeness = courses_api.translation_completeness(version=version)

    # the German captions are missing, so German is no longer complete
    assert completeness["en"] == 100
    assert completeness["de"] < 100


# --- the upload check -----------------------------------------------------------------------------


def _check(user: User, **data: Any) -> Any:
    client = APIClient()
    client.force_authenticate(user)
    lesson_key = Lesson.objects.get(kind="video").key
    return client.post(
        f"/api/v1/authoring/courses/plc-basics/lessons/{lesson_key}/captions",
        data,
        format="multipart",
    )


@pytest.fixture
def draft(framework: None, staff: dict[str, User]) -> None:
    courses_api.import_course_package(user=staff["author"], data=make_package())


def test_an_uploaded_file_is_answered_checked_with_lf_line_breaks(
    draft: None, staff: dict[str, User]
) -> None:
    upload = SimpleUploadedFile("de.vtt", ("\ufeff" + GOOD.replace("\n", "\r\n")).encode())

    response = _check(staff["author"], language="de", file=upload)

    assert response.status_code == 200
    assert response.json() == {"language": "de", "vtt": GOOD}


def test_an_uploaded_file_with_problems_is_refused_by_line(
    draft: None, staff: dict[str, User]
) -> None:
    response = _check(staff["author"], language="en", text=REVERSED + BACKWARDS_IN_TIME[7:])

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_captions"
    # the reversed cue (line 3), the cue before it in time (line 9)
    assert [problem["line"] for problem in response.json()["problems"]] == [3, 9]


def _ready_video(seconds: float) -> None:
    lesson = Lesson.objects.get(kind="video")
    now = timezone.now()
    VideoAsset.objects.create(
        course=lesson.module.version.course,
        lesson_key=lesson.key,
        source_name="videos/x/source.mp4",
        source_size=1,
        state=VideoAsset.State.READY,
        playlist_name="videos/x/hls/master.m3u8",
        poster_name="videos/x/poster.jpg",
        duration_seconds=seconds,
        ready_at=now - timedelta(seconds=1),
        updated_at=now,
    )


def test_the_upload_check_knows_the_videos_measured_length(
    draft: None, staff: dict[str, User]
) -> None:
    _ready_video(1.2)

    response = _check(staff["author"], language="en", text=GOOD)

    assert response.status_code == 400
    assert [problem["line"] for problem in response.json()["problems"]] == [8]


def test_the_upload_check_refuses_a_language_the_course_lacks_and_non_utf8_files(
    draft: None, staff: dict[str, User]
) -> None:
    assert _check(staff["author"], language="ar", text=GOOD).status_code == 400
    latin1 = SimpleUploadedFile(
        "en.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nStraße\n".encode("latin-1")
    )
    assert _check(staff["author"], language="en", file=latin1).status_code == 400


# --- serving: every language, safely, only to those who may see the lesson ----------------------


@pytest.fixture
def published_with_captions(publish: Callable[..., None]) -> str:
    publish(_with_captions({"en": GOOD, "de": HOSTILE.replace("<b>bold</b>", "Zykluszeit")}))
    return str(Lesson.objects.filter(kind="video").first().key)  # type: ignore[union-attr]


def _lesson(user: User, lesson_key: str, enrollment_id: int, lang: str = "de") -> Any:
    client = APIClient()
    client.force_authenticate(user)
    return client.get(
        f"/api/v1/enrollments/{enrollment_id}/lessons/{lesson_key}/", HTTP_ACCEPT_LANGUAGE=lang
    )


def test_an_enrolled_learner_gets_every_caption_track_served_language_first(
    published_with_captions: str, staff: dict[str, User]
) -> None:
    enrollment = enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")

    response = _lesson(staff["learner"], published_with_captions, enrollment.pk)

    assert response.status_code == 200
    tracks = response.json()["captions"]
    assert [track["language"] for track in tracks] == ["de", "en"]
    assert tracks[1]["vtt"] == GOOD
    assert "<script" not in tracks[0]["vtt"]
    assert "<img" not in tracks[0]["vtt"]
    assert "&lt;script&gt;" in tracks[0]["vtt"]
    # the lesson's own transcript wins over the words of its captions
    assert response.json()["transcript"] == "Hello. (de)"


def test_captions_are_the_transcript_of_a_lesson_without_one(
    publish: Callable[..., None], staff: dict[str, User]
) -> None:
    package = _with_captions({"en": GOOD})
    video = package["course"]["modules"][0]["lessons"][1]
    for texts in video["translations"].values():
        texts.pop("transcript")
    publish(package)
    enrollment = enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")
    lesson_key = str(Lesson.objects.get(kind="video").key)

    response = _lesson(staff["learner"], lesson_key, enrollment.pk, lang="en")

    assert response.json()["transcript"] == (
        "The scan cycle reads inputs.\nThen it solves the logic."
    )


def test_captions_are_served_only_to_the_learners_own_enrollment(
    published_with_captions: str, staff: dict[str, User]
) -> None:
    enrollment = enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")

    for someone in (staff["outsider"], staff["author"]):
        response = _lesson(someone, published_with_captions, enrollment.pk)
        assert response.status_code == 404
        assert "captions" not in response.json()
    assert APIClient().get(
        f"/api/v1/enrollments/{enrollment.pk}/lessons/{published_with_captions}/"
    ).status_code in (401, 403)


def test_a_word_spoken_in_a_video_finds_the_course(
    publish: Callable[..., None], api_client: APIClient
) -> None:
    package = _with_captions({"de": HOSTILE.replace("<b>bold</b>", "Zykluszeit")})
    for texts in package["course"]["modules"][0]["lessons"][1]["translations"].values():
        texts.pop("transcript")
    publish(package)

    response = api_client.get("/api/v1/courses/", {"search": "zykluszeit", "lang": "en"})

    assert [item["slug"] for item in response.json()["results"]] == ["plc-basics"]


def test_the_demo_videos_captions_pass_the_check_and_read_as_their_sentences() -> None:
    from devdata import videos as demo_media

    vtt = demo_media._webvtt([(0.0, 1.5), (1.5, 3.25)], ("Hello.", "Der Zyklus beginnt."))

    assert _lines(vtt, length_seconds=4.25) == []
    assert captions_plain_text(vtt) == "Hello.\nDer Zyklus beginnt."


def test_a_package_save_knows_the_measured_length_of_the_lessons_video(
    draft: None, staff: dict[str, User]
) -> None:
    _ready_video(1.2)
    package = courses_api.export_course_package(
        version=Lesson.objects.get(kind="video").module.version
    )
    package["course"]["modules"][0]["lessons"][1]["translations"]["de"]["captions"] = GOOD

    with pytest.raises(courses_api.InvalidPackageError) as refused:
        courses_api.import_course_package(user=staff["author"], data=package)

    assert [(problem.location, problem.message) for problem in refused.value.problems] == [
        (
            "course.modules[0].lessons[1].translations.de.captions",
            "Line 8: the cue starts at 00:00:01.500, after the end of the video (00:00:01.200).",
        )
    ]
