"""Deep Linking 2.0: the instructor picks a course, module or lesson; the tool answers the
platform with a signed LtiDeepLinkingResponse (a resource link carrying the course in its custom
parameters, with a line item for graded content: a whole course or a quiz lesson)."""

from dataclasses import dataclass
from typing import Any

from django.core import signing
from lti_tool.models import LtiRegistration
from pylti1p3.deep_link import DeepLink
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.lineitem import LineItem

from courses import api as courses_api
from courses.models import Course, CourseVersion
from lti.launches import CLAIM, COURSE_PARAMETER, LESSON_PARAMETER
from lti.protocol import LaunchRefused

__all__ = [
    "DEEP_LINKING_CLAIM",
    "Choice",
    "deep_link_choices",
    "deep_linking_response",
    "sign_deep_linking_request",
]

DEEP_LINKING_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
_SALT = "lti.deep-linking"
# The instructor has this long to pick, as the platform's own deep-linking session allows.
_SELECTION_SECONDS = 1800
_CHOICE_LIMIT = 200


@dataclass(frozen=True)
class Choice:
    value: str  # "slug", "slug/module/<key>" or "slug/lesson/<key>"
    label: str
    depth: int


def sign_deep_linking_request(*, registration: LtiRegistration, claims: dict[str, Any]) -> str:
    """What the picker form must send back, signed (the launch itself is not kept): whom to
    answer, where, and the platform's opaque `data`."""
    settings_claim = claims.get(DEEP_LINKING_CLAIM) or {}
    return signing.dumps(
        {
            "registration": registration.pk,
            "deployment": claims[CLAIM + "deployment_id"],
            "return_url": settings_claim.get("deep_link_return_url", ""),
            "data": settings_claim.get("data"),
        },
        salt=_SALT,
        compress=True,
    )


def deep_link_choices(*, language: str) -> list[Choice]:
    """Published courses (by slug) with their modules and lessons, titled in `language`."""
    choices = []
    courses = Course.objects.filter(published_version__isnull=False).order_by("slug")
    for slug, version_id in courses.values_list("slug", "published_version_id")[:_CHOICE_LIMIT]:
        outline = courses_api.get_outline(version_id=version_id)
        primary = outline.primary_language
        title = courses_api.pick(outline.translations, language, primary).get("title", slug)
        choices.append(Choice(value=slug, label=str(title), depth=0))
        for module in outline.modules:
            module_title = courses_api.pick(module.translations, language, primary).get("title")
            choices.append(
                Choice(value=f"{slug}/module/{module.key}", label=str(module_title), depth=1)
            )
            for lesson in module.lessons:
                lesson_title = courses_api.pick(lesson.translations, language, primary).get("title")
                choices.append(
                    Choice(
                        value=f"{slug}/lesson/{lesson.key}",
                        label=f"{lesson.label} {lesson_title}",
                        depth=2,
                    )
                )
    return choices


def deep_linking_response(
    *, signed_request: str, choice: str, launch_url: str, language: str
) -> tuple[str, str]:
    """The platform's return URL and the signed LtiDeepLinkingResponse JWT for `choice`.

    Raises LaunchRefused("invalid_selection") for a tampered or expired signed request or a
    choice that is not published content."""
    try:
        request = signing.loads(signed_request, salt=_SALT, max_age=_SELECTION_SECONDS)
        registration = LtiRegistration.objects.active().get(pk=request["registration"])
    except (signing.BadSignature, LtiRegistration.DoesNotExist, KeyError, TypeError) as error:
        raise LaunchRefused("invalid_selection", str(error)) from error
    slug, _, rest = choice.partition("/")
    kind, _, key = rest.partition("/")
    try:
        version = courses_api.get_published_version(slug=slug)
    except CourseVersion.DoesNotExist as error:
        raise LaunchRefused("invalid_selection", f"course {slug!r} not published") from error
    outline = courses_api.get_outline(version_id=version.pk)
    primary = outline.primary_language
    title = str(courses_api.pick(outline.translations, language, primary).get("title", slug))
    custom = {COURSE_PARAMETER: slug}
    graded, resource_id = True, slug
    if kind == "module":
        module = next((item for item in outline.modules if item.key == key), None)
        if module is None or not module.lessons:
            raise LaunchRefused("invalid_selection", f"module {key!r} not in {slug!r}")
        custom[LESSON_PARAMETER] = module.lessons[0].key
        module_title = courses_api.pick(module.translations, language, primary).get("title")
        title, graded = f"{title}: {module_title}", False
    elif kind == "lesson":
        lesson = outline.lessons.get(key)
        if lesson is None:
            raise LaunchRefused("invalid_selection", f"lesson {key!r} not in {slug!r}")
        custom[LESSON_PARAMETER] = key
        lesson_title = courses_api.pick(lesson.translations, language, primary).get("title")
        # A quiz lesson's line item gets that quiz's score (lti/grades.py).
        title, graded = f"{title}: {lesson_title}", lesson.quiz is not None
        resource_id = f"{slug}/lesson/{key}"
    elif kind:
        raise LaunchRefused("invalid_selection", f"unknown choice {choice!r}")
    resource = (
        DeepLinkResource().set_url(launch_url).set_title(title[:255]).set_custom_params(custom)
    )
    # The course grade, or a quiz's score, is what the tool reports (0-100).
    if graded:
        resource.set_lineitem(
            LineItem().set_score_maximum(100).set_label(title[:255]).set_resource_id(resource_id)
        )
    deep_link = DeepLink(
        registration.to_registration(),
        request["deployment"],
        {"deep_link_return_url": request["return_url"], "data": request["data"]},
    )
    return request["return_url"], deep_link.get_response_jwt([resource])
