"""Tests of courses.api: import, workflow, immutability of published versions, round trips."""

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import User
from courses import api as courses_api
from courses.models import CatalogEntry, Course, CourseVersion, Question, Transition
from tests.courses.conftest import make_package

pytestmark = pytest.mark.django_db


def test_export_of_an_imported_course_round_trips_without_loss(
    framework: None, staff: dict[str, User]
) -> None:
    version = courses_api.import_course_package(user=staff["author"], data=make_package())
    exported = courses_api.export_course_package(version=version)

    again = courses_api.import_course_package(user=staff["author"], data=exported)

    assert again.pk == version.pk  # the draft was replaced, not duplicated
    assert courses_api.export_course_package(version=again) == exported
    numeric = Question.objects.get(quiz__lesson__module__version=again, kind="numeric")
    assert (str(numeric.numeric_answer), str(numeric.numeric_tolerance)) == ("3.300000", "0.050000")


def test_invalid_references_are_reported_and_nothing_is_written(
    framework: None, staff: dict[str, User]
) -> None:
    package = make_package(
        institutions=["rhine", "atlantis"], prerequisites=["nope"], competencies=["AUT.PLC", "XYZ"]
    )

    with pytest.raises(courses_api.InvalidPackageError) as error:
        courses_api.import_course_package(user=staff["author"], data=package)

    assert [(p.location, p.message) for p in error.value.problems] == [
        ("course.institutions[1]", "is not a known institution"),
        ("course.prerequisites[0]", "is not another known course"),
        ("course.competencies[1]", "is not a competency of the framework"),
    ]
    assert not Course.objects.exists()


@pytest.mark.parametrize("role", ["reviewer", "approver", "outsider", "learner"])
def test_only_authors_of_the_owning_institution_may_import(
    framework: None, staff: dict[str, User], role: str
) -> None:
    with pytest.raises(PermissionDenied):
        courses_api.import_course_package(user=staff[role], data=make_package())

    assert not Course.objects.exists()


def test_the_workflow_runs_author_reviewer_approver_and_records_every_step(
    framework: None, staff: dict[str, User], publish: Callable[..., None]
) -> None:
    publish(make_package())

    version = CourseVersion.objects.get()
    assert version.state == "published"
    assert Course.objects.get().published_version == version
    assert list(
        Transition.objects.values_list("action", "from_state", "to_state", "actor__email")
    ) == [
        ("submit", "draft", "in_review", "author@rhine.example"),
        ("approve", "in_review", "approved", "reviewer@rhine.example"),
        ("publish", "approved", "published", "approver@rhine.example"),
    ]
    # One catalog row per platform language; German and English readers get their own texts,
    # Chinese and Arabic readers the primary language's.
    assert sorted(CatalogEntry.objects.values_list("language", "served_language", "title")) == [
        ("ar", "en", "PLC Basics"),
        ("de", "de", "PLC Basics (de)"),
        ("en", "en", "PLC Basics"),
        ("zh-hans", "en", "PLC Basics"),
    ]


@pytest.mark.parametrize(
    ("role", "action", "error"),
    [
        ("author", "approve", PermissionDenied),
        ("reviewer", "publish", ValidationError),  # in review: publish does not apply yet
        ("approver", "submit", ValidationError),
        ("outsider", "approve", Course.DoesNotExist),
        ("learner", "submit", Course.DoesNotExist),
    ],
)
def test_invalid_transitions_are_refused_and_change_nothing(
    framework: None, staff: dict[str, User], role: str, action: str, error: type[Exception]
) -> None:
    courses_api.import_course_package(user=staff["author"], data=make_package())
    courses_api.transition_version(user=staff["author"], slug="plc-basics", action="submit")

    with pytest.raises(error):
        courses_api.transition_version(user=staff[role], slug="plc-basics", action=action)

    assert CourseVersion.objects.get().state == "in_review"
    assert Transition.objects.count() == 1


def test_a_reviewer_cannot_approve_their_own_submission(
    framework: None, staff: dict[str, User], institution: object
) -> None:
    from tests.factories import MembershipFactory

    MembershipFactory(user=staff["author"], organization=institution, role="reviewer")
    courses_api.import_course_package(user=staff["author"], data=make_package())
    courses_api.transition_version(user=staff["author"], slug="plc-basics", action="submit")

    with pytest.raises(PermissionDenied):
        courses_api.transition_version(user=staff["author"], slug="plc-basics", action="approve")


@pytest.mark.parametrize("role", ["author", "reviewer", "approver", "admin"])
def test_no_one_approves_a_version_they_submitted_even_after_a_colleague_resubmits(
    framework: None, staff: dict[str, User], institution: object, role: str
) -> None:
    """Separation of duties for every role: the submitter, also made author and reviewer so
    that nothing else stops them, submitted the first round; a colleague resubmitted."""
    from tests.factories import MembershipFactory, UserFactory

    member = staff[role]
    for extra in ("author", "reviewer"):
        if extra != role:
            MembershipFactory(user=member, organization=institution, role=extra)
    colleagues = {}
    for colleague_role in ("author", "reviewer"):
        colleagues[colleague_role] = UserFactory()
        MembershipFactory(
            user=colleagues[colleague_role], organization=institution, role=colleague_role
        )
    courses_api.import_course_package(user=colleagues["author"], data=make_package())
    courses_api.transition_version(user=member, slug="plc-basics", action="submit")
    courses_api.transition_version(
        user=colleagues["reviewer"], slug="plc-basics", action="request_changes"
    )
    courses_api.transition_version(user=colleagues["author"], slug="plc-basics", action="submit")

    with pytest.raises(PermissionDenied, match="submitted themselves"):
        courses_api.transition_version(user=member, slug="plc-basics", action="approve")

    assert CourseVersion.objects.get().state == "in_review"
    assert not Transition.objects.filter(action="approve").exists()


def test_editing_a_published_course_creates_a_new_draft_and_leaves_the_published_one(
    framework: None, staff: dict[str, User], publish: Callable[..., None]
) -> None:
    publish(make_package())
    published_before = courses_api.export_course_package(version=CourseVersion.objects.get())
    changed = make_package(estimated_hours=20)

    draft = courses_api.import_course_package(user=staff["author"], data=changed)

    published = CourseVersion.objects.get(state="published")
    assert (draft.number, draft.state) == (2, "draft")
    assert courses_api.export_course_package(version=published) == published_before
    assert published.estimated_hours == 12


def test_publishing_the_new_version_archives_the_old_one(
    framework: None, staff: dict[str, User], publish: Callable[..., None]
) -> None:
    publish(make_package())
    publish(make_package(estimated_hours=20))

    assert list(CourseVersion.objects.order_by("number").values_list("number", "state")) == [
        (1, "archived"),
        (2, "published"),
    ]
    assert Course.objects.get().published_version.number == 2


def test_a_version_in_review_cannot_be_edited(framework: None, staff: dict[str, User]) -> None:
    courses_api.import_course_package(user=staff["author"], data=make_package())
    courses_api.transition_version(user=staff["author"], slug="plc-basics", action="submit")

    with pytest.raises(ValidationError):
        courses_api.import_course_package(
            user=staff["author"], data=make_package(estimated_hours=99)
        )

    assert CourseVersion.objects.get().estimated_hours == 12


def test_another_institution_cannot_take_over_a_slug(
    framework: None, staff: dict[str, User]
) -> None:
    courses_api.import_course_package(user=staff["author"], data=make_package())

    with pytest.raises(courses_api.InvalidPackageError) as error:
        courses_api.import_course_package(
            user=staff["outsider"], data=make_package(institutions=["elsewhere"])
        )

    assert error.value.problems[0].location == "course.slug"
    assert list(Course.objects.get().institutions.values_list("slug", flat=True)) == ["rhine"]


def test_translation_completeness_counts_missing_texts(
    framework: None, staff: dict[str, User]
) -> None:
    package = make_package()
    lesson = package["course"]["modules"][0]["lessons"][0]
    lesson["translations"]["de"]["body"] = ""
    version = courses_api.import_course_package(user=staff["author"], data=package)

    completeness = courses_api.translation_completeness(version=version)

    assert completeness["en"] == 100
    assert 90 < completeness["de"] < 100


def test_markdown_is_rendered_without_any_script_surviving() -> None:
    html = courses_api.render_markdown(
        "Hi <script>alert(1)</script> [x](javascript:alert(2)) <iframe src=//e.vil></iframe>"
        '<img src=x onerror="alert(3)"> **bold**'
    )

    assert "<script" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html
    assert "onerror" not in html
    assert "<strong>bold</strong>" in html


def test_diff_names_what_the_draft_changes_against_the_published_version(
    framework: None, staff: dict[str, User], publish: Callable[..., None]
) -> None:
    publish(make_package())
    package = courses_api.export_course_package(version=CourseVersion.objects.get())
    modules = package["course"]["modules"]
    modules[0]["lessons"][0]["translations"]["de"]["body"] = "Neu."
    modules[0]["lessons"].reverse()  # the video now comes first
    removed_question = modules[1]["lessons"][0]["quiz"]["questions"].pop()
    package["course"]["estimated_hours"] = 14
    courses_api.import_course_package(user=staff["author"], data=package)

    diff = courses_api.diff_against_published(course=Course.objects.get())

    assert (diff["from_version"], diff["to_version"]) == (1, 2)
    assert [(c["change"], c["item"], c["title"], c["fields"]) for c in diff["changes"]] == [
        ("changed", "course", "PLC Basics", ["estimated_hours"]),
        ("changed", "lesson", "Watch a scan", ["position"]),
        ("changed", "lesson", "Inputs, logic, outputs", ["position", "translations.de"]),
        ("removed", "question", "Name LD in words.", []),
    ]
    assert diff["changes"][-1]["key"] == removed_question["key"]
