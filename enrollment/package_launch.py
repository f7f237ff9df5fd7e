"""Launching a package lesson: a signed, expiring launch on the content origin, what its
player page needs (the stored CMI to resume from), and the package's files behind the launch.

The launch token (django.core.signing) binds the learner, the enrollment, the lesson key and
the package; the content origin has no session, so the token is its only credential. Anything
a token does not open is the same 404 as an unknown one.
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import User
from courses import api as courses_api
from courses.models import ElearningPackage
from enrollment import package_cmi5
from enrollment.errors import NOT_ACTIVE
from enrollment.models import Enrollment, PackageAttempt
from enrollment.selectors import get_enrollment_for_user

__all__ = [
    "PACKAGE_NOT_READY",
    "LaunchRefusedError",
    "PackageLaunch",
    "completion_threshold",
    "fetch_cmi5_token",
    "launch_package",
    "open_launch_file",
    "player_config",
    "resolve_launch",
]

Status = Enrollment.Status

_SALT = "enrollment.package-launch"
PACKAGE_NOT_READY = gettext_lazy(
    "This lesson's package is not ready yet: it is still being stored, or none was uploaded."
)
_OPEN_STATUSES = (Status.ACTIVE, Status.COMPLETED)


class LaunchRefusedError(Exception):
    """The lesson exists but cannot be launched now (409); `message` says why (translated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PackageLaunch:
    """A verified launch: whose, which enrollment and lesson, which ready package."""

    user_id: int
    enrollment: Enrollment
    lesson_key: str
    package: ElearningPackage
    language: str
    # A cmi5 launch's claims: "r" registration, "s" session id, "o" organisation.
    cmi5: dict[str, str] = field(default_factory=dict)


def _package_lesson(enrollment: Enrollment, lesson_key: uuid.UUID | str) -> Any:
    """The outline lesson when it is a package lesson of the enrollment's version."""
    outline = courses_api.get_outline(version_id=enrollment.version_id)
    lesson = outline.lessons.get(str(lesson_key))
    if lesson is None or lesson.kind != "package":
        raise ElearningPackage.DoesNotExist("No package lesson with this key.")
    return lesson


def launch_package(
    *, user: User, enrollment_id: int, lesson_key: uuid.UUID, language: str
) -> dict[str, Any]:
    """A launch of a package lesson of the user's enrollment: the player page's absolute URL on
    the content origin (with a token valid PACKAGE_LAUNCH_SECONDS), the origin, the standard and
    when it expires. Raises Enrollment.DoesNotExist (unknown or foreign), ObjectDoesNotExist
    (no package lesson with that key in the enrolled version), ValidationError (enrollment not
    active), LaunchRefusedError (no ready package yet; a cmi5 course with no institution).

    For cmi5 the platform acts as the LMS before the AU runs: registration, session, launch
    data, learner preferences and the "launched" statement (enrollment/package_cmi5.py)."""
    enrollment = get_enrollment_for_user(user=user, enrollment_id=enrollment_id)
    if enrollment.status not in _OPEN_STATUSES:
        raise ValidationError(NOT_ACTIVE, code="not_active")
    _package_lesson(enrollment, lesson_key)
    package = courses_api.playing_package(course_id=enrollment.course_id, lesson_key=lesson_key)
    if package is None:
        raise LaunchRefusedError(str(PACKAGE_NOT_READY))
    claims: dict[str, Any] = {
        "u": user.pk,
        "e": enrollment.pk,
        "l": str(lesson_key),
        "p": str(package.pk),
        "lang": language,
    }
    cmi5 = package.standard == ElearningPackage.Standard.CMI5
    with transaction.atomic():
        if cmi5:
            # The platform is the cmi5 LMS: a new AU session in the enrollment's registration.
            try:
                claims.update(
                    package_cmi5.session_claims(
                        enrollment=enrollment, lesson_key=str(lesson_key), package=package
                    )
                )
            except ValueError as refused:
                raise LaunchRefusedError(str(refused)) from refused
        token = signing.dumps(claims, salt=_SALT, compress=True)
        if cmi5:
            package_cmi5.record_launch(
                enrollment=enrollment,
                lesson_key=str(lesson_key),
                package=package,
                language=user.preferred_language or language,
                claims=claims,
                au_url=_au_url(token, package),
            )
    origin = settings.PACKAGE_CONTENT_ORIGIN
    expires_at = timezone.now() + timedelta(seconds=settings.PACKAGE_LAUNCH_SECONDS)
    return {
        "launch_url": f"{origin}/p/{token}/",
        "content_origin": origin,
        "standard": package.standard,
        "expires_at": expires_at,
    }


def resolve_launch(*, token: str) -> PackageLaunch:
    """The launch a token names, while it is valid: signed by this server, not expired, its
    enrollment still active or completed, its package still ready. Raises ObjectDoesNotExist
    for anything else (tampered, expired, unenrolled, removed alike)."""
    try:
        claims = signing.loads(token, salt=_SALT, max_age=settings.PACKAGE_LAUNCH_SECONDS)
        enrollment = Enrollment.objects.get(
            pk=int(claims["e"]), user_id=int(claims["u"]), status__in=_OPEN_STATUSES
        )
        package = courses_api.get_ready_package(
            package_id=str(claims["p"]),
            course_id=enrollment.course_id,
            lesson_key=str(claims["l"]),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise ElearningPackage.DoesNotExist("No such launch.") from error
    return PackageLaunch(
        user_id=enrollment.user_id,
        enrollment=enrollment,
        lesson_key=str(claims["l"]),
        package=package,
        language=str(claims.get("lang") or "en"),
        cmi5={name: str(claims[name]) for name in ("r", "s", "o") if name in claims},
    )


def open_launch_file(*, launch: PackageLaunch, path: str) -> File:
    """A file of the launched package. Raises ElearningPackage.DoesNotExist for a path outside
    it or one it does not have."""
    opened = courses_api.open_package_file(package=launch.package, path=path)
    if opened is None:
        raise ElearningPackage.DoesNotExist("No such file in the package.")
    return opened


def _resumed_cmi(launch: PackageLaunch, user: User) -> dict[str, Any]:
    """The stored CMI, ready for the next session: `entry` is resume after a suspend, the last
    session's exit and time are gone, and what the LMS supplies (learner, mastery) is set."""
    attempt = PackageAttempt.objects.filter(
        enrollment=launch.enrollment, lesson_key=launch.lesson_key, package_id=launch.package.pk
    ).first()
    cmi: dict[str, Any] = dict(attempt.cmi) if attempt else {}
    name = user.get_full_name() or user.email
    mastery = launch.package.mastery_score
    if launch.package.standard == ElearningPackage.Standard.SCORM_12:
        core = dict(cmi.get("core") or {})
        core["entry"] = (
            "resume" if core.pop("exit", "") == "suspend" else ("" if attempt else "ab-initio")
        )
        core.pop("session_time", None)
        core.update(student_id=str(user.pk), student_name=name, credit="credit")
        cmi["core"] = core
        if mastery is not None:
            cmi["student_data"] = {**(cmi.get("student_data") or {}), "mastery_score": str(mastery)}
        return cmi
    cmi["entry"] = (
        "resume" if cmi.pop("exit", "") == "suspend" else ("" if attempt else "ab-initio")
    )
    cmi.pop("session_time", None)
    cmi.update(learner_id=str(user.pk), learner_name=name, credit="credit")
    if mastery is not None:
        cmi["scaled_passing_score"] = str((mastery / 100).normalize())
    threshold = completion_threshold(launch.package)
    if threshold is not None:
        cmi["completion_threshold"] = str(threshold)
    return cmi


def completion_threshold(package: ElearningPackage) -> Decimal | None:
    """The first SCO's completion threshold (SCORM 2004), 0..1; None when it sets none."""
    first = next((item for item in package.items if item.get("is_sco")), None)
    value = first.get("completion_threshold") if first else None
    return None if value is None else Decimal(str(value))


def _quoted_launch(launch_path: str) -> str:
    """The launch path as a URL: its file's name percent-encoded, its query kept as written."""
    path, separator, rest = launch_path.partition("?")
    if not separator:
        path, separator, rest = launch_path.partition("#")
    return quote(path, safe="/") + separator + rest


def _au_url(token: str, package: ElearningPackage) -> str:
    return f"{settings.PACKAGE_CONTENT_ORIGIN}/p/{token}/f/{_quoted_launch(package.launch_path)}"


def player_config(*, launch: PackageLaunch, token: str) -> dict[str, Any]:
    """What the player page hands the runtime script (#icim-player-config): the standard, the
    SCO's URL, where to commit, the platform's origin, the CMI to resume from, the learner,
    the language and the mastery score."""
    user = User.objects.get(pk=launch.user_id)
    origin = settings.PACKAGE_CONTENT_ORIGIN
    base = f"{origin}/p/{token}"
    mastery = launch.package.mastery_score
    sco_url = _au_url(token, launch.package)
    if launch.package.standard == ElearningPackage.Standard.CMI5:
        sco_url = package_cmi5.au_launch_url(
            enrollment=launch.enrollment,
            lesson_key=launch.lesson_key,
            package=launch.package,
            claims=launch.cmi5,
            au_url=sco_url,
            token=token,
        )
    return {
        "standard": launch.package.standard,
        "sco_url": sco_url,
        "commit_url": f"{base}/commit",
        "platform_origin": settings.PACKAGE_PLATFORM_ORIGIN,
        "cmi": {} if launch.cmi5 else _resumed_cmi(launch, user),
        "learner_id": str(user.pk),
        "learner_name": user.get_full_name() or user.email,
        "language": launch.language,
        "mastery_score": None if mastery is None else float(mastery),
    }


def fetch_cmi5_token(*, launch: PackageLaunch) -> dict[str, str]:
    """What cmi5's fetch URL answers for a cmi5 launch: `{"auth-token": ...}` once per session,
    then `{"error-code": "1", "error-text": ...}` (cmi5 8.2)."""
    return package_cmi5.fetch_token(
        enrollment=launch.enrollment,
        lesson_key=launch.lesson_key,
        package=launch.package,
        claims=launch.cmi5,
    )
