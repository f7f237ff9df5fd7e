"""Tests of the package validator: every problem reported with its location."""

import pytest

from courses.packages import InvalidPackageError, validate_package
from tests.courses.conftest import make_package


def _problems(package: object) -> list[tuple[str, str]]:
    with pytest.raises(InvalidPackageError) as error:
        validate_package(package)
    return [(problem.location, problem.message) for problem in error.value.problems]


def test_a_valid_package_gets_keys_for_every_module_lesson_question_and_option() -> None:
    package = validate_package(make_package())

    module = package["course"]["modules"][1]
    question = module["lessons"][0]["quiz"]["questions"][0]
    assert len(module["key"]) == 36
    assert len(question["options"][0]["key"]) == 36
    assert question["points"] == "1"


def test_every_problem_is_reported_with_its_location_in_one_pass() -> None:
    package = make_package(level="expert", pass_mark=140)
    lessons = package["course"]["modules"][1]["lessons"]
    questions = lessons[0]["quiz"]["questions"]
    questions[0]["options"][1]["is_correct"] = True
    del package["course"]["translations"]["en"]
    questions[1]["answer"] = "three"
    package["course"]["modules"][0]["lessons"][0]["script"] = "<script>"

    assert _problems(package) == [
        ("course.level", "must be one of: beginner, intermediate, advanced"),
        ("course.pass_mark", "must be a whole number from 0 to 100"),
        ("course.translations.en", "translation is missing"),
        ("course.modules[0].lessons[0].script", "unknown field"),
        (
            "course.modules[1].lessons[0].quiz.questions[0].options",
            "a single-choice question needs exactly one correct option",
        ),
        ("course.modules[1].lessons[0].quiz.questions[1].answer", "must be a number"),
    ]


@pytest.mark.parametrize(
    ("package", "expected"),
    [
        ([], [("$", "must be an object")]),
        ({"format": "scorm", "course": {}}, None),
        ("not json object", [("$", "must be an object")]),
    ],
)
def test_wrong_shapes_are_refused(package: object, expected: list[tuple[str, str]] | None) -> None:
    problems = _problems(package)

    if expected is not None:
        assert problems[: len(expected)] == expected
    else:
        assert ("format", "must be 'icim-course/1'") in problems


def test_answers_of_one_kind_are_refused_on_another_kind() -> None:
    package = make_package()
    question = package["course"]["modules"][1]["lessons"][0]["quiz"]["questions"][2]
    question["options"] = []

    assert _problems(package) == [
        (
            "course.modules[1].lessons[0].quiz.questions[2].options",
            "does not apply to true_false questions",
        ),
    ]


def test_a_video_lesson_needs_an_https_url() -> None:
    package = make_package()
    package["course"]["modules"][0]["lessons"][1]["video_url"] = "javascript:alert(1)"

    assert _problems(package) == [
        ("course.modules[0].lessons[1].video_url", "must be an https:// URL"),
    ]


def test_repeated_keys_are_refused() -> None:
    package = make_package()
    modules = package["course"]["modules"]
    modules[0]["key"] = modules[1]["key"] = "7c13bccf-2c20-4d50-8f84-d3ac4e1e3b17"

    assert _problems(package) == [
        ("course.modules[1].key", "repeats a key used earlier in the package"),
    ]


def _quiz(package: dict) -> dict:  # type: ignore[type-arg]
    return package["course"]["modules"][1]["lessons"][0]["quiz"]  # type: ignore[no-any-return]


def test_answer_keys_are_shown_after_passing_unless_the_author_says_otherwise() -> None:
    package = validate_package(make_package())

    assert _quiz(package)["reveal_answers"] == "after_pass"


def test_keys_after_every_attempt_are_refused_while_attempts_would_remain() -> None:
    package = make_package()
    _quiz(package).update(reveal_answers="after_submit", attempts_allowed=3)

    assert _problems(package) == [
        (
            "course.modules[1].lessons[0].quiz.reveal_answers",
            "after_submit shows the answer keys while attempts remain: choose after_pass, "
            "after_last_attempt or never (after_submit is accepted only with attempts_allowed 1)",
        ),
    ]


def test_keys_after_a_single_attempt_are_read_as_after_the_last_attempt() -> None:
    package = make_package()
    _quiz(package).update(reveal_answers="after_submit", attempts_allowed=1)

    assert _quiz(validate_package(package))["reveal_answers"] == "after_last_attempt"


def test_a_lesson_of_one_kind_refuses_the_field_of_another_kind() -> None:
    package = make_package()
    text_lesson = package["course"]["modules"][0]["lessons"][0]
    text_lesson["quiz"] = {"pass_mark": 50, "questions": []}

    assert _problems(package) == [
        ("course.modules[0].lessons[0].quiz", "only quiz lessons have a quiz"),
    ]


def test_values_of_the_wrong_type_inside_lists_are_problems_not_errors() -> None:
    package = make_package()
    package["course"]["competencies"] = ["AUT.PLC", {"code": "AUT.HMI"}]
    package["course"]["modules"][0]["lessons"][0]["competencies"] = [["AUT.PLC"]]

    assert _problems(package) == [
        ("course.competencies[1]", "must be text"),
        (
            "course.modules[0].lessons[0].competencies[0]",
            "must be one of the course's competencies",
        ),
    ]


def test_the_package_is_named_components_with_lessons_told_apart_by_kind(
    openapi_schema: dict,  # type: ignore[type-arg]
) -> None:
    components = openapi_schema["components"]["schemas"]
    put = openapi_schema["paths"]["/api/v1/authoring/courses/{slug}/package"]["put"]

    body = put["requestBody"]["content"]["application/json"]["schema"]
    lesson = components["PackageLessonRequest"]
    assert body == {"$ref": "#/components/schemas/CoursePackageRequest"}
    assert lesson["discriminator"] == {
        "propertyName": "kind",
        "mapping": {
            **{
                kind: f"#/components/schemas/Package{kind.title()}LessonRequest"
                for kind in ("text", "video", "resource", "quiz")
            },
            "package": "#/components/schemas/PackageElearningLessonRequest",
        },
    }
    assert components["PackageVideoLessonRequest"]["required"] == [
        "kind",
        "translations",
        "video_url",
    ]
    assert set(components["PackageLessonTextsRequest"]["properties"]) == {
        "title",
        "body",
        "transcript",
        "captions",
    }


def test_video_lessons_get_the_default_completion_rule_and_no_lesson_is_a_preview() -> None:
    lessons = validate_package(make_package())["course"]["modules"][0]["lessons"]

    assert [lesson["is_preview"] for lesson in lessons] == [False, False]
    assert "video_completion" not in lessons[0]
    assert (lessons[1]["video_completion"], lessons[1]["video_watched_percent"]) == (
        "watched_or_transcript",
        90,
    )


def test_previews_and_completion_rules_belong_to_their_kinds() -> None:
    package = make_package()
    modules = package["course"]["modules"]
    modules[0]["lessons"][0]["video_watched_percent"] = 50
    modules[1]["lessons"][0]["is_preview"] = True

    assert _problems(package) == [
        (
            "course.modules[0].lessons[0].video_watched_percent",
            "only video lessons have a completion rule",
        ),
        ("course.modules[1].lessons[0].is_preview", "only text and video lessons can be previews"),
    ]
