"""The authorization table: every /api/v1/ route and method, as every kind of caller.

The routes come from the URL configuration, so an endpoint added without a row here fails the
test. Each request runs in a savepoint that is rolled back, so one caller's write (a revocation,
an archive) never changes what the next caller sees. Where a caller must not see an object, the
answer is a 404 identical, body and all, to the one for an object that does not exist.
"""

import io
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient

from certificates import api as certificates_api
from courses import api as courses_api
from courses.models import Lesson, VideoUploadSession
from courses.outline import cached_outline
from enrollment import api as enrollment_api
from enrollment.models import Invitation
from records import api as records_api
from tests.courses.conftest import make_package
from tests.factories import TEST_PASSWORD
from tests.security.conftest import World

IDENTITIES = (
    "anonymous",
    "learner",  # holds the enrollment and the certificate the rows act on
    "other_learner",  # enrolled in the same course: "a learner of another enrollment"
    "outsider",  # author at another institution
    "author",
    "reviewer",
    "approver",
    "admin",
    "verifier",  # of an employer
)


def _picture_bytes() -> bytes:
    """A plain 480 × 270 PNG: the smallest picture a cover takes."""
    buffer = io.BytesIO()
    Image.new("RGB", (480, 270), (11, 79, 108)).save(buffer, format="PNG")
    return buffer.getvalue()


# route name, method, then the status for each identity above, in that order:
# anonymous learner other_learner outsider author reviewer approver admin verifier
TABLE = """
course-threads                           GET     401  200  200  404  200  200  200  200  404
course-threads                           POST    401  201  201  404  201  201  201  201  404
attachment-upload                        POST    401  201  201  404  201  201  201  201  404
thread-detail                            GET     401  200  200  404  200  200  200  200  404
thread-posts                             GET     401  200  200  404  200  200  200  200  404
thread-posts                             POST    401  201  201  404  201  201  201  201  404
thread-follow                            PUT     401  200  200  404  200  200  200  200  404
thread-answered                          PUT     401  200  403  404  200  200  200  200  404
thread-moderate                          POST    401  403  403  404  200  200  200  200  404
post-detail                              PATCH   401  403  200  404  403  403  403  403  404
post-detail                              DELETE  401  403  200  404  403  403  403  403  404
post-upvote                              PUT     401  200  200  404  200  200  200  200  404
post-endorse                             PUT     401  403  403  404  200  200  200  200  404
post-report                              POST    401  201  400  404  201  201  201  201  404
post-moderate                            POST    401  403  403  404  200  200  200  200  404
moderation-queue                         GET     401  404  404  404  200  200  200  200  404
moderation-mutes                         GET     401  404  404  404  200  200  200  200  404
moderation-mutes                         POST    401  404  404  404  201  201  201  201  404
moderation-mute                          DELETE  401  404  404  404  204  204  204  204  404
moderation-word-filter                   GET     401  404  404  404  200  200  200  200  404
moderation-word-filter                   PUT     401  404  404  404  200  200  200  200  404
preferences                              GET     401  200  200  200  200  200  200  200  200
preferences                              PUT     401  200  200  200  200  200  200  200  200
notification-list                        GET     401  200  200  200  200  200  200  200  200
notification-unread-count                GET     401  200  200  200  200  200  200  200  200
notification-read                        POST    401  200  200  200  200  200  200  200  200
audit-event-list                         GET     401  403  403  403  403  403  403  403  403
auth-csrf                                GET     200  200  200  200  200  200  200  200  200
auth-login                               POST    200  200  200  200  200  200  200  200  200
auth-logout                              POST    204  204  204  204  204  204  204  204  204
auth-me                                  GET     401  200  200  200  200  200  200  200  200
auth-session                             GET     200  200  200  200  200  200  200  200  200
auth-me                                  PATCH   401  200  200  200  200  200  200  200  200
auth-password-reset                      POST    202  202  202  202  202  202  202  202  202
auth-password-reset-confirm              POST    400  400  400  400  400  400  400  400  400
auth-register                            POST    202  202  202  202  202  202  202  202  202
auth-confirm-email                       POST    400  400  400  400  400  400  400  400  400
auth-token                               DELETE  401  204  404  404  404  404  404  404  404
auth-tokens                              GET     401  200  200  200  200  200  200  200  200
auth-tokens                              POST    201  201  201  201  201  201  201  201  201
authoring-course-archive                 GET     401  404  404  404  200  200  200  200  404
authoring-course-comment                 PATCH   401  404  404  404  200  200  200  403  404
authoring-course-comments                GET     401  404  404  404  200  200  200  200  404
authoring-course-comments                POST    401  404  404  404  201  201  201  403  404
authoring-course-detail                  GET     401  404  404  404  200  200  200  200  404
authoring-course-diff                    GET     401  404  404  404  200  200  200  200  404
authoring-course-list                    GET     401  200  200  200  200  200  200  200  200
authoring-course-list                    POST    401  403  403  403  201  403  403  403  403
authoring-course-package                 GET     401  404  404  404  200  200  200  200  404
authoring-course-package                 PUT     401  404  404  404  200  403  403  403  404
authoring-course-resources               POST    401  404  404  404  201  403  403  403  404
authoring-course-cover                   PUT     401  404  404  404  200  403  403  403  404
authoring-course-cover                   DELETE  401  404  404  404  204  403  403  403  404
authoring-course-transitions             POST    401  404  404  404  403  403  200  403  404
authoring-lesson-captions                POST    401  404  404  404  200  403  403  403  404
authoring-lesson-package                 GET     401  404  404  404  404  404  404  404  404
authoring-lesson-package                 POST    401  404  404  404  404  403  403  403  404
authoring-lesson-video                   GET     401  404  404  404  200  200  200  200  404
authoring-lesson-video                   POST    401  404  404  404  202  403  403  403  404
authoring-lesson-video-uploads           POST    401  404  404  404  201  403  403  403  404
authoring-lesson-video-upload            GET     401  404  404  404  200  404  404  404  404
authoring-lesson-video-upload            PATCH   401  404  404  404  200  404  404  404  404
authoring-lesson-video-upload            DELETE  401  404  404  404  204  404  404  404  404
authoring-import                         POST    401  403  403  403  201  403  403  403  403
certificate-detail                       GET     401  200  404  404  404  404  404  404  404
certificate-detail                       PATCH   401  200  404  404  404  404  404  404  404
certificate-list                         GET     401  200  200  200  200  200  200  200  200
certificate-pdf                          GET     401  200  404  404  404  404  404  404  404
certificate-prior-learning               POST    401  404  404  404  403  403  201  403  404
certificate-reinstate                    POST    401  404  404  404  403  403  400  403  404
certificate-reissue                      POST    401  404  404  404  403  403  201  403  404
certificate-revoke                       POST    401  404  404  404  403  403  200  403  404
competency-list                          GET     200  200  200  200  200  200  200  200  200
standard-list                            GET     200  200  200  200  200  200  200  200  200
course-analytics                         GET     401  404  404  404  200  200  200  200  404
course-analytics-csv                     GET     401  404  404  404  200  200  200  200  404
course-detail                            GET     200  200  200  200  200  200  200  200  200
course-enrollment-state                  GET     200  200  200  200  200  200  200  200  200
course-lesson-preview                    GET     200  200  200  200  200  200  200  200  200
course-invitation-list                   GET     401  404  404  404  200  200  200  200  404
course-invitation-withdraw               POST    401  404  404  404  200  200  200  200  404
course-list                              GET     200  200  200  200  200  200  200  200  200
credential                               GET     200  200  200  200  200  200  200  200  200
enrollment-bulk                          POST    401  404  404  404  200  200  200  200  404
enrollment-certificate                   GET     401  200  404  404  404  404  404  404  404
enrollment-detail                        GET     401  200  404  404  404  404  404  404  404
enrollment-events                        POST    401  200  404  404  404  404  404  404  404
enrollment-lesson                        GET     401  200  404  404  404  404  404  404  404
enrollment-quiz-attempt                  POST    401  200  404  404  404  404  404  404  404
enrollment-lesson-launch                 POST    401  404  404  404  404  404  404  404  404
enrollment-list                          GET     401  200  200  200  200  200  200  200  200
enrollment-list                          POST    401  201  201  201  201  201  201  201  201
enrollment-move-version                  POST    401  400  404  404  404  404  404  404  404
enrollment-progress                      GET     401  200  404  404  404  404  404  404  404
enrollment-unenroll                      POST    401  200  404  404  404  404  404  404  404
interchange-cartridge                    GET     401  404  404  404  200  200  200  200  404
interchange-import                       GET     401  404  404  404  200  200  200  200  404
interchange-import-confirm               POST    401  404  404  404  202  403  403  403  404
interchange-imports                      POST    401  403  403  403  202  403  403  403  403
institution-analytics                    GET     401  404  404  404  200  200  200  200  404
institution-analytics-csv                GET     401  404  404  404  200  200  200  200  404
institution-certificate-list             GET     401  403  403  200  200  200  200  200  403
institution-detail                       GET     200  200  200  200  200  200  200  200  200
institution-certificate-template         GET     401  404  404  404  403  403  200  200  404
institution-certificate-template         PATCH   401  404  404  404  403  403  200  200  404
institution-certificate-template-preview POST    401  404  404  404  403  403  200  200  404
institution-certificate-template-signatories POST 401 404 404  404  403  403  201  201  404
institution-certificate-template-signatory PATCH 401  404  404  404  403  403  200  200  404
institution-certificate-template-signatory DELETE 401 404  404  404  403  403  204  204  404
institution-certificate-template-signatory-order PUT 401 404 404 404 403  403  200  200  404
invitation-accept                        POST    401  400  200  400  400  400  400  400  400
invitation-detail                        GET     200  200  200  200  200  200  200  200  200
organization-detail                      GET     200  200  200  200  200  200  200  200  200
organization-list                        GET     200  200  200  200  200  200  200  200  200
statement-list                           GET     401  200  200  200  200  200  200  200  200
status-list                              GET     200  200  200  200  200  200  200  200  200
verify-bulk                              POST    401  403  403  403  403  403  403  403  200
verify-credential                        POST    200  200  200  200  200  200  200  200  200
verify-learner-record                    POST    200  200  200  200  200  200  200  200  200
learner-record                           GET     401  200  404  404  404  404  404  404  404
verify-id                                GET     200  200  200  200  200  200  200  200  200
verify-upload                            POST    200  200  200  200  200  200  200  200  200
events:list                              GET     200  200  200  200  200  200  200  200  200
events:list                              POST    401  404  404  404  201  403  403  201  404
events:staff-list                        GET     401  200  200  200  200  200  200  200  200
events:mine                              GET     401  200  200  200  200  200  200  200  200
events:organization-feed                 GET     200  200  200  200  200  200  200  200  200
events:detail                            GET     404  404  404  404  200  200  200  200  404
events:detail                            PUT     401  404  404  404  200  403  403  200  404
events:publish                           POST    401  404  404  404  403  403  200  200  404
events:ics                               GET     404  404  404  404  200  200  200  200  404
events:registration                      POST    401  400  201  201  201  201  201  201  400
events:registration                      DELETE  401  400  400  400  400  400  400  400  200
events:check-in                          POST    401  200  400  400  400  400  400  400  200
events:registrations                     GET     401  404  404  404  200  200  200  200  404
events:attendance                        POST    401  404  404  404  200  200  200  200  404
events:credential-revoke                 POST    401  404  404  404  404  404  200  200  404
seat-pools                               GET     401  404  404  404  404  404  404  404  200
seat-pool-learners                       GET     401  404  404  404  404  404  404  404  200
seat-pool-learners                       POST    401  404  404  404  404  404  404  404  200
seat-pool-learner                        DELETE  401  404  404  404  404  404  404  404  204
seat-report                              GET     401  404  404  404  404  404  404  404  200
my-seats                                 GET     401  200  200  200  200  200  200  200  200
my-seat-consent                          PUT     401  200  404  404  404  404  404  404  404
practices:library-list                   GET     200  200  200  200  200  200  200  200  200
practices:library-detail                 GET     200  200  200  200  200  200  200  200  200
practices:authoring-practice-list        GET     401  200  200  200  200  200  200  200  200
practices:authoring-practice-list        POST    401  404  404  404  201  403  403  403  404
practices:authoring-practice-detail      GET     401  404  404  404  200  200  200  200  404
practices:authoring-practice-detail      PUT     401  404  404  404  200  403  403  403  404
practices:authoring-practice-transitions POST    401  404  404  404  403  200  403  403  404
practices:authoring-practice-attachments POST    401  404  404  404  201  403  403  403  404
webhook-endpoints                        GET     401  404  404  404  404  404  404  200  404
webhook-endpoints                        POST    401  404  404  404  404  404  404  201  404
webhook-endpoint                         GET     401  404  404  404  404  404  404  200  404
webhook-endpoint                         PATCH   401  404  404  404  404  404  404  200  404
webhook-endpoint                         DELETE  401  404  404  404  404  404  404  204  404
webhook-endpoint-rotate-secret           POST    401  404  404  404  404  404  404  200  404
webhook-endpoint-test                    POST    401  404  404  404  404  404  404  202  404
webhook-deliveries                       GET     401  404  404  404  404  404  404  200  404
webhook-delivery-redeliver               POST    401  404  404  404  404  404  404  202  404
sso-sign-in-providers                    GET     200  200  200  200  200  200  200  200  200
sso-providers                            GET     401  404  404  404  404  404  404  200  404
sso-providers                            POST    401  404  404  404  404  404  404  201  404
sso-test-discovery                       POST    401  404  404  404  404  404  404  200  404
sso-provider                             GET     401  404  404  404  404  404  404  200  404
sso-provider                             PATCH   401  404  404  404  404  404  404  200  404
sso-provider                             DELETE  401  404  404  404  404  404  404  204  404
programs:list                            GET     200  200  200  200  200  200  200  200  200
programs:staff-list                      GET     401  200  200  200  200  200  200  200  200
programs:staff-list                      POST    401  404  404  404  201  403  201  201  404
programs:credentials                     GET     401  200  200  200  200  200  200  200  200
programs:credential-pdf                  GET     401  200  404  404  404  404  404  404  404
programs:detail                          GET     200  200  200  200  200  200  200  200  200
programs:staff-detail                    GET     401  404  404  404  200  200  200  200  404
programs:staff-detail                    PATCH   401  404  404  404  200  403  200  200  404
programs:courses                         PUT     401  404  404  404  200  403  200  200  404
programs:publish                         POST    401  404  404  404  403  403  200  200  404
programs:retire                          POST    401  404  404  404  403  403  200  200  404
"""


@dataclass(frozen=True)
class Call:
    """How to call a route: its URL arguments (real objects, then unknown ones) and a body."""

    kwargs: Callable[[World], dict[str, Any]]
    unknown: dict[str, Any] | None = None
    body: Callable[[World], Any] | None = None
    multipart: bool = False
    # A raw body of this media type (a chunk of an upload) with these headers, instead of JSON.
    content_type: str | None = None
    headers: dict[str, str] | None = None


def _none(world: World) -> dict[str, Any]:
    return {}


def _slug(world: World) -> dict[str, Any]:
    return {"slug": world.course_slug}


def _preview_lesson(world: World) -> dict[str, Any]:
    """The world's text lesson, made a preview of its published version (lessons that are not
    previews answer 404 to everyone: tests/courses/test_previews.py)."""
    Lesson.objects.filter(key=world.lesson_key, module__version__state="published").update(
        is_preview=True
    )
    cached_outline.cache_clear()
    return {"slug": world.course_slug, "lesson_key": world.lesson_key}


def _organization(world: World) -> dict[str, Any]:
    return {"organization_slug": "rhine"}


def _enrollment(world: World) -> dict[str, Any]:
    return {"enrollment_id": world.enrollment.pk}


def _certificate(world: World) -> dict[str, Any]:
    return {"certificate_id": world.certificate.pk}


UNKNOWN_SLUG = {"slug": "no-such-course"}
UNKNOWN_ORGANIZATION = {"organization_slug": "no-such-institution"}
UNKNOWN_ENROLLMENT = {"enrollment_id": 987_654}
UNKNOWN_CERTIFICATE = {"certificate_id": uuid.UUID(int=7)}


def _video_upload(world: World) -> dict[str, Any]:
    """A fresh upload session of the author's (a cancel by an earlier call deleted its file)."""
    author = world.users["author"]
    VideoUploadSession.objects.filter(user=author).delete()
    session = courses_api.start_video_upload(
        user=author,
        slug=world.course_slug,
        lesson_key=uuid.UUID(str(world.video_key)),
        filename="lecture.mp4",
        size=1000,
    )
    return {"slug": world.course_slug, "lesson_key": world.video_key, "upload_id": session.pk}


UNKNOWN_VIDEO_UPLOAD = {
    "slug": "no-such-course",
    "lesson_key": uuid.UUID(int=3),
    "upload_id": uuid.UUID(int=4),
}


def _discussion(world: World) -> tuple[int, int]:
    """A question of the learner's with a reply of the other learner's (made once per world)."""
    from discussions import api as discussions_api
    from discussions.models import Post, Thread

    thread = Thread.objects.filter(title="Security thread").first()
    if thread is None:
        thread = discussions_api.start_thread(
            user=world.users["learner"],
            course_slug=world.course_slug,
            kind="question",
            title="Security thread",
            body="How do timers work?",
        )
        discussions_api.reply_to_thread(
            user=world.users["other_learner"], thread_id=thread.pk, body="Like this."
        )
    reply = Post.objects.get(thread=thread, is_opening=False)
    return thread.pk, reply.pk


def _thread(world: World) -> dict[str, Any]:
    return {"thread_id": _discussion(world)[0]}


def _post(world: World) -> dict[str, Any]:
    return {"post_id": _discussion(world)[1]}


UNKNOWN_THREAD = {"thread_id": 987_654}
UNKNOWN_POST = {"post_id": 987_654}
RHINE = {"slug": "rhine"}


UNKNOWN_EVENT = {"slug": "no-such-event"}
UNKNOWN_CASE_STUDY = {"slug": "no-such-case-study"}


def _event_fields(title: str, starts_at: datetime) -> dict[str, Any]:
    return {
        "kind": "webinar",
        "is_online": True,
        "meeting_url": "https://meet.example.org/security",
        "primary_language": "en",
        "translations": {"en": {"title": title, "description": "Live."}},
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=3),
        "time_zone": "Europe/Berlin",
        "capacity": None,
    }


def _case_study_data(slug: str) -> dict[str, Any]:
    return {
        "slug": slug,
        "primary_language": "en",
        "languages": ["en"],
        "translations": {
            "en": {
                "title": f"Case {slug}",
                "problem": "Commissioning took six weeks.",
                "solution": "A digital twin.",
                "results": "Two weeks.",
            }
        },
        "sector": "food",
        "country": "DE",
    }


def _online_exchange(world: World) -> None:
    """Rhine's events and case studies: a draft event; an event running now with the learner
    registered, attended and credentialed and the verifier registered; a draft case study, one
    in review and one published (each by the author; reviewed and published by colleagues)."""
    from events import api as events_api
    from events.models import Registration
    from practices import api as practices_api

    users = world.users
    now = timezone.now()
    draft = events_api.create_event(
        user=users["author"],
        organization_slug="rhine",
        fields=_event_fields("Security draft", now + timedelta(days=3)),
    )
    running = events_api.create_event(
        user=users["author"],
        organization_slug="rhine",
        fields=_event_fields("Security webinar", now - timedelta(hours=1)),
    )
    events_api.publish_event(user=users["approver"], slug=running.slug)
    for identity in ("learner", "verifier"):
        events_api.register_for_event(user=users[identity], slug=running.slug)
    events_api.record_attendance_csv(
        user=users["author"], slug=running.slug, content=users["learner"].email.encode()
    )
    attended = Registration.objects.get(event=running, user=users["learner"])
    credential_id = events_api.issue_credential_for_registration(registration_id=attended.pk)
    assert credential_id is not None
    world.draft_event_slug = draft.slug
    world.event_slug = running.slug
    world.check_in_code = running.check_in_code
    world.attendance_credential_id = credential_id
    for slug, steps in (
        ("security-draft", ()),
        ("security-review", (("author", "submit"),)),
        (
            "security-published",
            (("author", "submit"), ("reviewer", "approve"), ("approver", "publish")),
        ),
    ):
        practices_api.create_case_study(
            user=users["author"], organization_slug="rhine", data=_case_study_data(slug)
        )
        for identity, action in steps:
            practices_api.transition_case_study(user=users[identity], slug=slug, action=action)


def _programs(world: World) -> None:
    """Rhine's programs over the course: a draft and a published one (any 1 of 1), and the
    learner's credential of the published one (the learner holds the course's certificate)."""
    from programs import api as programs_api

    users = world.users
    for title, publish in (("Security draft path", False), ("Security path", True)):
        program = programs_api.create_program(
            user=users["author"],
            organization_slugs=["rhine"],
            fields={
                "kind": "elective",
                "required_count": 1,
                "primary_language": "en",
                "translations": {"en": {"title": title}},
            },
        )
        programs_api.set_program_courses(
            user=users["author"], slug=program.slug, course_slugs=[world.course_slug]
        )
        if publish:
            programs_api.publish_program(user=users["approver"], slug=program.slug)
            completion = programs_api.issue_program_credential(
                program_id=program.pk, user_id=users["learner"].pk
            )
            assert completion is not None
            world.program_slug = program.slug
            world.program_credential_id = str(completion.credential_id)
        else:
            world.draft_program_slug = program.slug


UNKNOWN_PROGRAM = {"slug": "no-such-program"}


def _draft_program(world: World) -> dict[str, Any]:
    return {"slug": world.draft_program_slug}


def _program(world: World) -> dict[str, Any]:
    return {"slug": world.program_slug}


def _draft_event(world: World) -> dict[str, Any]:
    return {"slug": world.draft_event_slug}


def _event(world: World) -> dict[str, Any]:
    return {"slug": world.event_slug}


def _file(name: str, content: bytes) -> io.BytesIO:
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def _course_import(world: World) -> dict[str, Any]:
    """An analysed import of Rhine's, waiting for an author's confirmation."""
    from accounts.models import Organization
    from interchange.models import CourseImport

    job, _created = CourseImport.objects.update_or_create(
        id=uuid.UUID(int=11),
        defaults={
            "organization": Organization.objects.get(slug="rhine"),
            "created_by": world.users["author"],
            "format": "imscc",
            "filename": "course.imscc",
            "size": 10,
            "stored_name": "imports/none.zip",
            "state": "ready",
            "report": {"format": "imscc", "course": None, "counts": {}, "items": []},
        },
    )
    return {"import_id": job.pk}


UNKNOWN_IMPORT = {"import_id": uuid.UUID(int=12)}


def _webhook(world: World) -> dict[str, Any]:
    """Rhine's webhook endpoint (an address that is public, never contacted: the requests'
    transactions roll back before anything is queued) with one succeeded delivery."""
    from accounts.models import Organization
    from webhooks.models import Delivery, Endpoint

    endpoint, _created = Endpoint.objects.get_or_create(
        id=uuid.UUID(int=13),
        defaults={
            "organization": Organization.objects.get(slug="rhine"),
            "url": "https://93.184.215.14/hooks",
            "event_types": ["certificate.issued"],
            "secret": "whsec_c2VjdXJpdHktdGFibGUtc2VjcmV0LTMyLWJ5dGVzISE=",
        },
    )
    delivery, _created = Delivery.objects.get_or_create(
        endpoint=endpoint,
        message_id="msg_security",
        defaults={"event_type": "webhook.test", "payload": {}, "state": "succeeded"},
    )
    return {"organization_slug": "rhine", "endpoint_id": endpoint.pk, "delivery_id": delivery.pk}


def _webhook_endpoint(world: World) -> dict[str, Any]:
    kwargs = _webhook(world)
    del kwargs["delivery_id"]
    return kwargs


def _seats(world: World) -> dict[str, Any]:
    """A pool of the employer's, which the verifier also administers (the table's employer
    administrator), with a seat held for the learner."""
    from accounts.models import Membership, Organization
    from courses.models import Course
    from seats.models import SeatAssignment, SeatPool

    employer = Organization.objects.get(slug="employer")
    Membership.objects.get_or_create(
        user=world.users["verifier"], organization=employer, role="admin"
    )
    pool, _created = SeatPool.objects.get_or_create(
        organization=employer,
        defaults={
            "course": Course.objects.get(slug=world.course_slug),
            "seat_count": 5,
            "source": "granted",
        },
    )
    learner = world.users["learner"]
    seat, _created = SeatAssignment.objects.get_or_create(
        pool=pool, email=learner.email.lower(), defaults={"learner": learner}
    )
    return {"organization_slug": "employer", "pool_id": pool.pk, "assignment_id": seat.pk}


def _seat_pool(world: World) -> dict[str, Any]:
    return {key: value for key, value in _seats(world).items() if key != "assignment_id"}


def _seat_report(world: World) -> dict[str, Any]:
    return {"organization_slug": _seats(world)["organization_slug"], "month": "2026-11"}


def _my_seat(world: World) -> dict[str, Any]:
    return {"assignment_id": _seats(world)["assignment_id"]}


UNKNOWN_EMPLOYER = {"organization_slug": "no-such-employer"}


UNKNOWN_WEBHOOK_ENDPOINT = {"organization_slug": "rhine", "endpoint_id": uuid.UUID(int=14)}
UNKNOWN_WEBHOOK_DELIVERY = {**UNKNOWN_WEBHOOK_ENDPOINT, "delivery_id": 987_654}


def _identity_provider(world: World) -> dict[str, Any]:
    """Rhine's OpenID provider (a public address, never contacted by these calls)."""
    from accounts.models import Organization
    from sso.models import IdentityProvider

    provider, _created = IdentityProvider.objects.get_or_create(
        slug="rhine-idp",
        defaults={
            "organization": Organization.objects.get(slug="rhine"),
            "name": "Rhine login",
            "protocol": "oidc",
            "oidc_issuer": "https://93.184.215.14",
            "oidc_client_id": "icim",
            "oidc_client_secret": "security-table-secret",
        },
    )
    return {"organization_slug": "rhine", "provider_id": provider.pk}


UNKNOWN_IDENTITY_PROVIDER = {"organization_slug": "rhine", "provider_id": 987_654}


CALLS: dict[tuple[str, str], Call] = {
    ("auth-csrf", "GET"): Call(_none),
    ("auth-register", "POST"): Call(
        _none,
        body=lambda w: {
            "email": "new-person@example.org",
            "password": TEST_PASSWORD,
            "full_name": "New Person",
        },
    ),
    ("auth-confirm-email", "POST"): Call(_none, body=lambda w: {"token": "1:tampered:link"}),
    ("auth-login", "POST"): Call(
        _none, body=lambda w: {"email": w.users["learner"].email, "password": TEST_PASSWORD}
    ),
    ("auth-logout", "POST"): Call(_none),
    ("auth-me", "GET"): Call(_none),
    ("auth-session", "GET"): Call(_none),
    ("auth-me", "PATCH"): Call(_none, body=lambda w: {"full_name": "Renamed Person"}),
    ("auth-tokens", "GET"): Call(_none),
    ("auth-tokens", "POST"): Call(
        _none, body=lambda w: {"email": w.users["learner"].email, "password": TEST_PASSWORD}
    ),
    ("auth-token", "DELETE"): Call(
        lambda w: {"token_id": w.token_ids["learner"]}, unknown={"token_id": uuid.UUID(int=9)}
    ),
    ("auth-password-reset", "POST"): Call(
        _none, body=lambda w: {"email": w.users["learner"].email}
    ),
    ("auth-password-reset-confirm", "POST"): Call(
        _none, body=lambda w: {"uid": "MQ", "token": "invalid", "new_password": TEST_PASSWORD}
    ),
    ("audit-event-list", "GET"): Call(_none),
    ("organization-list", "GET"): Call(_none),
    ("organization-detail", "GET"): Call(lambda w: {"slug": "rhine"}, unknown=UNKNOWN_SLUG),
    ("institution-detail", "GET"): Call(lambda w: {"slug": "rhine"}, unknown=UNKNOWN_SLUG),
    ("competency-list", "GET"): Call(_none),
    ("standard-list", "GET"): Call(_none),
    ("course-list", "GET"): Call(_none),
    ("course-detail", "GET"): Call(_slug, unknown=UNKNOWN_SLUG),
    ("course-lesson-preview", "GET"): Call(
        lambda w: _preview_lesson(w), unknown={"slug": "plc-basics", "lesson_key": uuid.UUID(int=9)}
    ),
    ("authoring-course-list", "GET"): Call(_none),
    ("authoring-course-list", "POST"): Call(
        _none, body=lambda w: make_package(slug="brand-new", institution="rhine")
    ),
    ("authoring-course-detail", "GET"): Call(_slug, unknown=UNKNOWN_SLUG),
    ("authoring-course-package", "GET"): Call(_slug, unknown=UNKNOWN_SLUG),
    ("authoring-course-package", "PUT"): Call(
        _slug, unknown=UNKNOWN_SLUG, body=lambda w: make_package(institution="rhine")
    ),
    ("authoring-course-transitions", "POST"): Call(
        _slug, unknown=UNKNOWN_SLUG, body=lambda w: {"action": "archive"}
    ),
    ("authoring-import", "POST"): Call(
        _none,
        multipart=True,
        body=lambda w: {
            "file": _file(
                "course.json",
                json.dumps(make_package(slug="imported", institution="rhine")).encode(),
            )
        },
    ),
    ("authoring-course-archive", "GET"): Call(_slug, unknown=UNKNOWN_SLUG),
    ("interchange-cartridge", "GET"): Call(_slug, unknown=UNKNOWN_SLUG),
    ("interchange-import", "GET"): Call(_course_import, unknown=UNKNOWN_IMPORT),
    ("interchange-import-confirm", "POST"): Call(_course_import, unknown=UNKNOWN_IMPORT),
    ("interchange-imports", "POST"): Call(
        _none,
        multipart=True,
        body=lambda w: {
            "file": _file("course.imscc", b"PK\x05\x06" + bytes(18)),
            "organisation": "rhine",
        },
    ),
    ("authoring-course-resources", "POST"): Call(
        _slug,
        unknown=UNKNOWN_SLUG,
        multipart=True,
        body=lambda w: {"file": _file("notes.txt", b"Scan cycle notes.\n")},
    ),
    ("authoring-course-cover", "PUT"): Call(
        _slug,
        unknown=UNKNOWN_SLUG,
        multipart=True,
        body=lambda w: {"file": _file("cover.png", _picture_bytes())},
    ),
    ("authoring-course-cover", "DELETE"): Call(_slug, unknown=UNKNOWN_SLUG),
    ("authoring-lesson-captions", "POST"): Call(
        lambda w: {"slug": w.course_slug, "lesson_key": w.video_key},
        unknown={"slug": "no-such-course", "lesson_key": uuid.UUID(int=3)},
        multipart=True,
        body=lambda w: {
            "language": "en",
            "file": _file("captions.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n"),
        },
    ),
    # The world's course has no package lesson: a video lesson's key is refused like an unknown
    # one (tests/courses/test_elearning.py and tests/enrollment/test_package_launch.py cover
    # package lessons for every kind of caller).
    ("authoring-lesson-package", "GET"): Call(
        lambda w: {"slug": w.course_slug, "lesson_key": w.video_key},
        unknown={"slug": "no-such-course", "lesson_key": uuid.UUID(int=3)},
    ),
    ("authoring-lesson-package", "POST"): Call(
        lambda w: {"slug": w.course_slug, "lesson_key": w.video_key},
        unknown={"slug": "no-such-course", "lesson_key": uuid.UUID(int=3)},
        multipart=True,
        body=lambda w: {"file": _file("package.zip", b"PK\x05\x06" + bytes(18))},
    ),
    ("authoring-lesson-video", "GET"): Call(
        lambda w: {"slug": w.course_slug, "lesson_key": w.video_key},
        unknown={"slug": "no-such-course", "lesson_key": uuid.UUID(int=3)},
    ),
    ("authoring-lesson-video", "POST"): Call(
        lambda w: {"slug": w.course_slug, "lesson_key": w.video_key},
        unknown={"slug": "no-such-course", "lesson_key": uuid.UUID(int=3)},
        multipart=True,
        # An MP4 file type box: libmagic calls it video/mp4 (the transcode would refuse it).
        body=lambda w: {
            "file": _file("lecture.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")
        },
    ),
    ("authoring-lesson-video-uploads", "POST"): Call(
        lambda w: {"slug": w.course_slug, "lesson_key": w.video_key},
        unknown={"slug": "no-such-course", "lesson_key": uuid.UUID(int=3)},
        body=lambda w: {"filename": "lecture.mp4", "size": 1000},
    ),
    ("authoring-lesson-video-upload", "GET"): Call(_video_upload, unknown=UNKNOWN_VIDEO_UPLOAD),
    ("authoring-lesson-video-upload", "PATCH"): Call(
        _video_upload,
        unknown=UNKNOWN_VIDEO_UPLOAD,
        body=lambda w: b"\x00\x00\x00\x18ftypmp42",
        content_type="application/offset+octet-stream",
        headers={"Upload-Offset": "0"},
    ),
    ("authoring-lesson-video-upload", "DELETE"): Call(_video_upload, unknown=UNKNOWN_VIDEO_UPLOAD),
    ("authoring-course-diff", "GET"): Call(_slug, unknown=UNKNOWN_SLUG),
    ("authoring-course-comments", "GET"): Call(_slug, unknown=UNKNOWN_SLUG),
    ("authoring-course-comments", "POST"): Call(
        _slug, unknown=UNKNOWN_SLUG, body=lambda w: {"body": "Please add a diagram."}
    ),
    ("authoring-course-comment", "PATCH"): Call(
        lambda w: {"slug": w.course_slug, "comment_id": w.comment_id},
        unknown={"slug": "plc-basics", "comment_id": 987_654},
        body=lambda w: {"is_resolved": True},
    ),
    ("enrollment-list", "GET"): Call(_none),
    ("enrollment-list", "POST"): Call(_none, body=lambda w: {"course": w.course_slug}),
    ("enrollment-bulk", "POST"): Call(
        _none,
        multipart=True,
        body=lambda w: {
            "course": w.course_slug,
            "file": _file("learners.csv", b"email,name\nnew-learner@example.org,New Learner\n"),
        },
    ),
    ("course-enrollment-state", "GET"): Call(_slug, unknown=UNKNOWN_SLUG),
    # The invitation is for the other learner's address: theirs to accept, a refusal for others.
    ("invitation-detail", "GET"): Call(
        lambda w: {"token": w.invitation_token}, unknown={"token": "no-such-token"}
    ),
    ("invitation-accept", "POST"): Call(
        lambda w: {"token": w.invitation_token}, unknown={"token": "no-such-token"}
    ),
    ("course-invitation-list", "GET"): Call(_slug, unknown=UNKNOWN_SLUG),
    ("course-invitation-withdraw", "POST"): Call(
        lambda w: {"slug": w.course_slug, "invitation_id": w.invitation_id},
        unknown={"slug": "plc-basics", "invitation_id": 987_654},
    ),
    ("course-analytics", "GET"): Call(_slug, unknown=UNKNOWN_SLUG),
    ("course-analytics-csv", "GET"): Call(_slug, unknown=UNKNOWN_SLUG),
    ("institution-analytics", "GET"): Call(_organization, unknown=UNKNOWN_ORGANIZATION),
    ("institution-analytics-csv", "GET"): Call(_organization, unknown=UNKNOWN_ORGANIZATION),
    ("enrollment-certificate", "GET"): Call(_enrollment, unknown=UNKNOWN_ENROLLMENT),
    ("enrollment-detail", "GET"): Call(_enrollment, unknown=UNKNOWN_ENROLLMENT),
    ("enrollment-unenroll", "POST"): Call(_enrollment, unknown=UNKNOWN_ENROLLMENT),
    ("enrollment-move-version", "POST"): Call(_enrollment, unknown=UNKNOWN_ENROLLMENT),
    ("enrollment-events", "POST"): Call(
        _enrollment,
        unknown=UNKNOWN_ENROLLMENT,
        body=lambda w: {"id": str(uuid.uuid4()), "kind": "lesson_opened", "lesson": w.lesson_key},
    ),
    ("enrollment-progress", "GET"): Call(_enrollment, unknown=UNKNOWN_ENROLLMENT),
    ("enrollment-lesson", "GET"): Call(
        lambda w: {"enrollment_id": w.enrollment.pk, "lesson_key": w.lesson_key},
        unknown={**UNKNOWN_ENROLLMENT, "lesson_key": uuid.UUID(int=3)},
    ),
    ("enrollment-lesson-launch", "POST"): Call(
        lambda w: {"enrollment_id": w.enrollment.pk, "lesson_key": w.video_key},
        unknown={**UNKNOWN_ENROLLMENT, "lesson_key": uuid.UUID(int=3)},
    ),
    ("enrollment-quiz-attempt", "POST"): Call(
        lambda w: {"enrollment_id": w.enrollment.pk, "lesson_key": w.quiz_key},
        unknown={**UNKNOWN_ENROLLMENT, "lesson_key": uuid.UUID(int=3)},
    ),
    ("statement-list", "GET"): Call(_none),
    ("certificate-list", "GET"): Call(_none),
    ("certificate-prior-learning", "POST"): Call(
        _none,
        body=lambda w: {
            "course": w.course_slug,
            "learner_email": w.users["other_learner"].email,
            "note": "Ten years of PLC commissioning, assessed in person.",
        },
    ),
    ("certificate-detail", "GET"): Call(_certificate, unknown=UNKNOWN_CERTIFICATE),
    ("certificate-detail", "PATCH"): Call(
        _certificate, unknown=UNKNOWN_CERTIFICATE, body=lambda w: {"is_private": True}
    ),
    ("certificate-pdf", "GET"): Call(_certificate, unknown=UNKNOWN_CERTIFICATE),
    ("certificate-revoke", "POST"): Call(
        _certificate, unknown=UNKNOWN_CERTIFICATE, body=lambda w: {"reason": "Exam fraud."}
    ),
    # Not revoked, so the approver's reinstatement is refused as such (400).
    ("certificate-reinstate", "POST"): Call(
        _certificate, unknown=UNKNOWN_CERTIFICATE, body=lambda w: {"reason": "Revoked in error."}
    ),
    ("certificate-reissue", "POST"): Call(_certificate, unknown=UNKNOWN_CERTIFICATE),
    ("status-list", "GET"): Call(
        lambda w: {"status_list_id": w.status_list_id}, unknown={"status_list_id": 987_654}
    ),
    ("credential", "GET"): Call(_certificate, unknown=UNKNOWN_CERTIFICATE),
    ("institution-certificate-list", "GET"): Call(_none),
    ("institution-certificate-template", "GET"): Call(_organization, unknown=UNKNOWN_ORGANIZATION),
    ("institution-certificate-template", "PATCH"): Call(
        _organization,
        unknown=UNKNOWN_ORGANIZATION,
        multipart=True,
        body=lambda w: {"colour": "#123456"},
    ),
    ("institution-certificate-template-preview", "POST"): Call(
        _organization,
        unknown=UNKNOWN_ORGANIZATION,
        multipart=True,
        body=lambda w: {"language": "en"},
    ),
    ("institution-certificate-template-signatories", "POST"): Call(
        _organization,
        unknown=UNKNOWN_ORGANIZATION,
        multipart=True,
        body=lambda w: {"name": "Prof. Li Wei"},
    ),
    ("institution-certificate-template-signatory", "PATCH"): Call(
        lambda w: {"organization_slug": "rhine", "signatory_id": w.signatory_id},
        unknown={"organization_slug": "rhine", "signatory_id": 987_654},
        multipart=True,
        body=lambda w: {"title": "Dean"},
    ),
    ("institution-certificate-template-signatory", "DELETE"): Call(
        lambda w: {"organization_slug": "rhine", "signatory_id": w.signatory_id},
        unknown={"organization_slug": "rhine", "signatory_id": 987_654},
    ),
    ("institution-certificate-template-signatory-order", "PUT"): Call(
        _organization,
        unknown=UNKNOWN_ORGANIZATION,
        body=lambda w: {"order": [w.signatory_id]},
    ),
    ("verify-upload", "POST"): Call(
        _none, multipart=True, body=lambda w: {"file": _file("credential.json", w.credential)}
    ),
    ("verify-credential", "POST"): Call(
        _none, body=lambda w: {"credential": json.loads(w.credential)}
    ),
    ("verify-bulk", "POST"): Call(_none, body=lambda w: {"ids": [str(w.certificate.pk)]}),
    # Always the caller's own record: only the learner holds a credential (the others' 404
    # says they hold none; no parameter names a user, see tests/records/test_views.py).
    ("learner-record", "GET"): Call(_none),
    ("verify-learner-record", "POST"): Call(
        _none,
        body=lambda w: {
            "credential": json.loads(records_api.issue_learner_record(user=w.users["learner"]))
        },
    ),
    ("verify-id", "GET"): Call(_certificate, unknown={"certificate_id": str(uuid.UUID(int=5))}),
    ("course-threads", "GET"): Call(_slug, unknown=UNKNOWN_SLUG),
    ("course-threads", "POST"): Call(
        _slug, unknown=UNKNOWN_SLUG, body=lambda w: {"kind": "question", "title": "T", "body": "B"}
    ),
    ("attachment-upload", "POST"): Call(
        _slug,
        unknown=UNKNOWN_SLUG,
        multipart=True,
        body=lambda w: {"file": _file("plc.png", _picture_bytes())},
    ),
    ("thread-detail", "GET"): Call(_thread, unknown=UNKNOWN_THREAD),
    ("thread-posts", "GET"): Call(_thread, unknown=UNKNOWN_THREAD),
    ("thread-posts", "POST"): Call(_thread, unknown=UNKNOWN_THREAD, body=lambda w: {"body": "x"}),
    ("thread-follow", "PUT"): Call(
        _thread, unknown=UNKNOWN_THREAD, body=lambda w: {"is_following": True}
    ),
    ("thread-answered", "PUT"): Call(
        _thread, unknown=UNKNOWN_THREAD, body=lambda w: {"is_answered": True}
    ),
    ("thread-moderate", "POST"): Call(
        _thread, unknown=UNKNOWN_THREAD, body=lambda w: {"action": "pin"}
    ),
    ("post-detail", "PATCH"): Call(_post, unknown=UNKNOWN_POST, body=lambda w: {"body": "edited"}),
    ("post-detail", "DELETE"): Call(_post, unknown=UNKNOWN_POST),
    ("post-upvote", "PUT"): Call(_post, unknown=UNKNOWN_POST, body=lambda w: {"is_upvoted": True}),
    ("post-endorse", "PUT"): Call(
        _post, unknown=UNKNOWN_POST, body=lambda w: {"is_endorsed": True}
    ),
    ("post-report", "POST"): Call(_post, unknown=UNKNOWN_POST, body=lambda w: {"reason": "rude"}),
    ("post-moderate", "POST"): Call(_post, unknown=UNKNOWN_POST, body=lambda w: {"action": "hide"}),
    ("moderation-queue", "GET"): Call(lambda w: RHINE, unknown=UNKNOWN_SLUG),
    ("moderation-mutes", "GET"): Call(lambda w: RHINE, unknown=UNKNOWN_SLUG),
    ("moderation-mutes", "POST"): Call(
        lambda w: RHINE,
        unknown=UNKNOWN_SLUG,
        body=lambda w: {"user_id": w.users["other_learner"].pk, "days": 1},
    ),
    ("moderation-mute", "DELETE"): Call(
        lambda w: {"slug": "rhine", "user_id": w.users["other_learner"].pk},
        unknown={"slug": "no-such-course", "user_id": 987_654},
    ),
    ("moderation-word-filter", "GET"): Call(lambda w: RHINE, unknown=UNKNOWN_SLUG),
    ("moderation-word-filter", "PUT"): Call(
        lambda w: RHINE, unknown=UNKNOWN_SLUG, body=lambda w: {"words": ["spam"]}
    ),
    ("preferences", "GET"): Call(_none),
    ("preferences", "PUT"): Call(_none, body=lambda w: {"email_mode": "daily"}),
    ("notification-list", "GET"): Call(_none),
    ("notification-unread-count", "GET"): Call(_none),
    ("notification-read", "POST"): Call(_none, body=lambda w: {}),
    ("events:list", "GET"): Call(_none),
    ("events:list", "POST"): Call(
        _none,
        body=lambda w: {
            "organization": "rhine",
            **_event_fields("New webinar", timezone.now() + timedelta(days=5)),
        },
    ),
    ("events:staff-list", "GET"): Call(_none),
    ("events:mine", "GET"): Call(_none),
    ("events:organization-feed", "GET"): Call(lambda w: {"organization": "rhine"}),
    # A draft: only the organisation's staff see it, in the API and as iCalendar.
    ("events:detail", "GET"): Call(_draft_event, unknown=UNKNOWN_EVENT),
    ("events:detail", "PUT"): Call(
        _draft_event,
        unknown=UNKNOWN_EVENT,
        body=lambda w: _event_fields("Renamed draft", timezone.now() + timedelta(days=4)),
    ),
    ("events:publish", "POST"): Call(_draft_event, unknown=UNKNOWN_EVENT),
    ("events:ics", "GET"): Call(_draft_event, unknown=UNKNOWN_EVENT),
    # The running event: the learner is registered and attended (cannot cancel), the verifier
    # is registered; everyone else may register, and only the registered check in.
    ("events:registration", "POST"): Call(_event, unknown=UNKNOWN_EVENT),
    ("events:registration", "DELETE"): Call(_event, unknown=UNKNOWN_EVENT),
    ("events:check-in", "POST"): Call(
        _event, unknown=UNKNOWN_EVENT, body=lambda w: {"code": w.check_in_code}
    ),
    ("events:registrations", "GET"): Call(_event, unknown=UNKNOWN_EVENT),
    ("events:attendance", "POST"): Call(
        _event,
        unknown=UNKNOWN_EVENT,
        multipart=True,
        body=lambda w: {
            "file": _file("attendance.csv", f"email\n{w.users['verifier'].email}\n".encode())
        },
    ),
    # Withdrawing a credential is for approvers and admins only; to others the event's staff
    # pages do not exist for this purpose (404, like an unknown credential).
    ("events:credential-revoke", "POST"): Call(
        lambda w: {"slug": w.event_slug, "credential_id": w.attendance_credential_id},
        unknown={"slug": "no-such-event", "credential_id": uuid.UUID(int=7)},
        body=lambda w: {"reason": "Left after five minutes."},
    ),
    # An employer's administrators only; to everyone else its seats do not exist.
    ("seat-pools", "GET"): Call(
        lambda w: {"organization_slug": _seats(w)["organization_slug"]}, unknown=UNKNOWN_EMPLOYER
    ),
    ("seat-pool-learners", "GET"): Call(
        _seat_pool, unknown={**UNKNOWN_EMPLOYER, "pool_id": 987_654}
    ),
    ("seat-pool-learners", "POST"): Call(
        _seat_pool,
        unknown={**UNKNOWN_EMPLOYER, "pool_id": 987_654},
        multipart=True,
        body=lambda w: {"file": _file("staff.csv", b"email\nnew-hire@employer.example\n")},
    ),
    ("seat-pool-learner", "DELETE"): Call(
        _seats, unknown={**UNKNOWN_EMPLOYER, "pool_id": 987_654, "assignment_id": 987_654}
    ),
    ("seat-report", "GET"): Call(_seat_report, unknown={**UNKNOWN_EMPLOYER, "month": "2026-11"}),
    # Everyone has a list of their seats; only the seat's learner answers its consent question.
    ("my-seats", "GET"): Call(_none),
    ("my-seat-consent", "PUT"): Call(
        _my_seat, unknown={"assignment_id": 987_654}, body=lambda w: {"consent": "granted"}
    ),
    # Organisation administrators only; to everyone else Rhine's webhooks do not exist.
    ("webhook-endpoints", "GET"): Call(_organization, unknown=UNKNOWN_ORGANIZATION),
    ("webhook-endpoints", "POST"): Call(
        _organization,
        unknown=UNKNOWN_ORGANIZATION,
        body=lambda w: {
            "url": "https://93.184.215.14/other",
            "event_types": ["enrollment.completed"],
        },
    ),
    ("webhook-endpoint", "GET"): Call(_webhook_endpoint, unknown=UNKNOWN_WEBHOOK_ENDPOINT),
    ("webhook-endpoint", "PATCH"): Call(
        _webhook_endpoint,
        unknown=UNKNOWN_WEBHOOK_ENDPOINT,
        body=lambda w: {"description": "HR system"},
    ),
    ("webhook-endpoint", "DELETE"): Call(_webhook_endpoint, unknown=UNKNOWN_WEBHOOK_ENDPOINT),
    ("webhook-endpoint-rotate-secret", "POST"): Call(
        _webhook_endpoint, unknown=UNKNOWN_WEBHOOK_ENDPOINT
    ),
    ("webhook-endpoint-test", "POST"): Call(_webhook_endpoint, unknown=UNKNOWN_WEBHOOK_ENDPOINT),
    ("webhook-deliveries", "GET"): Call(_webhook_endpoint, unknown=UNKNOWN_WEBHOOK_ENDPOINT),
    ("webhook-delivery-redeliver", "POST"): Call(_webhook, unknown=UNKNOWN_WEBHOOK_DELIVERY),
    # Organisation administrators only; to everyone else Rhine's identity providers do not exist.
    ("sso-sign-in-providers", "GET"): Call(_none),
    ("sso-providers", "GET"): Call(_organization, unknown=UNKNOWN_ORGANIZATION),
    ("sso-providers", "POST"): Call(
        _organization,
        unknown=UNKNOWN_ORGANIZATION,
        body=lambda w: {
            "slug": "rhine-second-idp",
            "name": "Rhine staff",
            "protocol": "oidc",
            "oidc_issuer": "https://93.184.215.14/staff",
            "oidc_client_id": "icim",
            "oidc_client_secret": "another-secret",
        },
    ),
    # A loopback issuer, refused without a request (answered as a failed test, 200).
    ("sso-test-discovery", "POST"): Call(
        _organization,
        unknown=UNKNOWN_ORGANIZATION,
        body=lambda w: {"oidc_issuer": "http://127.0.0.1:9"},
    ),
    ("sso-provider", "GET"): Call(_identity_provider, unknown=UNKNOWN_IDENTITY_PROVIDER),
    ("sso-provider", "PATCH"): Call(
        _identity_provider,
        unknown=UNKNOWN_IDENTITY_PROVIDER,
        body=lambda w: {"name": "Rhine single sign-on"},
    ),
    ("sso-provider", "DELETE"): Call(_identity_provider, unknown=UNKNOWN_IDENTITY_PROVIDER),
    ("programs:list", "GET"): Call(_none),
    ("programs:staff-list", "GET"): Call(_none),
    # Staff without an editing role (the reviewer) are refused; Rhine is unknown to non-staff.
    ("programs:staff-list", "POST"): Call(
        _none,
        body=lambda w: {
            "organizations": ["rhine"],
            "kind": "ordered",
            "primary_language": "en",
            "translations": {"en": {"title": "New path"}},
        },
    ),
    ("programs:credentials", "GET"): Call(_none),
    ("programs:credential-pdf", "GET"): Call(
        lambda w: {"credential_id": w.program_credential_id},
        unknown={"credential_id": uuid.UUID(int=9)},
    ),
    ("programs:detail", "GET"): Call(_program, unknown=UNKNOWN_PROGRAM),
    ("programs:staff-detail", "GET"): Call(_draft_program, unknown=UNKNOWN_PROGRAM),
    ("programs:staff-detail", "PATCH"): Call(
        _draft_program,
        unknown=UNKNOWN_PROGRAM,
        body=lambda w: {"translations": {"en": {"title": "Renamed path"}}},
    ),
    ("programs:courses", "PUT"): Call(
        _draft_program, unknown=UNKNOWN_PROGRAM, body=lambda w: {"courses": [w.course_slug]}
    ),
    ("programs:publish", "POST"): Call(_draft_program, unknown=UNKNOWN_PROGRAM),
    ("programs:retire", "POST"): Call(_program, unknown=UNKNOWN_PROGRAM),
    ("practices:library-list", "GET"): Call(_none),
    ("practices:library-detail", "GET"): Call(lambda w: {"slug": "security-published"}),
    ("practices:authoring-practice-list", "GET"): Call(_none),
    ("practices:authoring-practice-list", "POST"): Call(
        _none,
        body=lambda w: {**_case_study_data("security-new"), "organization": "rhine"},
    ),
    ("practices:authoring-practice-detail", "GET"): Call(
        lambda w: {"slug": "security-draft"}, unknown=UNKNOWN_CASE_STUDY
    ),
    ("practices:authoring-practice-detail", "PUT"): Call(
        lambda w: {"slug": "security-draft"},
        unknown=UNKNOWN_CASE_STUDY,
        body=lambda w: {
            key: value for key, value in _case_study_data("security-draft").items() if key != "slug"
        },
    ),
    # In review: only a reviewer approves (the author who submitted it may not, nor other roles).
    ("practices:authoring-practice-transitions", "POST"): Call(
        lambda w: {"slug": "security-review"},
        unknown=UNKNOWN_CASE_STUDY,
        body=lambda w: {"action": "approve", "comment": ""},
    ),
    ("practices:authoring-practice-attachments", "POST"): Call(
        lambda w: {"slug": "security-draft"},
        unknown=UNKNOWN_CASE_STUDY,
        multipart=True,
        body=lambda w: {"file": _file("plan.png", _picture_bytes())},
    ),
}


def _walk(
    patterns: list[Any], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    """(route, name as `reverse` takes it: with the namespaces of `app_name`, pattern)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name}", pattern


def api_routes() -> dict[tuple[str, str], str]:
    """(route name, method) → route, for every method every /api/v1/ view answers."""
    routes = {}
    for route, name, pattern in _walk(get_resolver().url_patterns):
        if not route.startswith("api/v1/"):
            continue
        view = pattern.callback.view_class  # type: ignore[attr-defined]
        for method in ("get", "post", "put", "patch", "delete"):
            if hasattr(view, method):
                routes[(name, method.upper())] = route
    return routes


def expected_table() -> dict[tuple[str, str], dict[str, int]]:
    table = {}
    for line in TABLE.strip().splitlines():
        name, method, *codes = line.split()
        assert len(codes) == len(IDENTITIES), f"{name} {method}: one status per identity"
        table[(name, method)] = dict(zip(IDENTITIES, map(int, codes), strict=True))
    return table


def _request(world: World, identity: str, name: str, method: str, kwargs: dict[str, Any]) -> Any:
    from django.urls import reverse

    call = CALLS[(name, method)]
    client = APIClient()
    if identity != "anonymous":
        client.force_login(world.users[identity])
    url = reverse(name, kwargs=kwargs)
    data = call.body(world) if call.body else None
    send = getattr(client, method.lower())
    with transaction.atomic():
        if data is None:
            response = send(url)
        elif call.multipart:
            response = send(url, data, format="multipart")
        elif call.content_type:
            response = send(url, data, content_type=call.content_type, headers=call.headers)
        else:
            response = send(url, data, format="json")
        transaction.set_rollback(True)
    # Caches may hold what the rolled-back request saw.
    cache.clear()
    cached_outline.cache_clear()
    return response


def test_every_route_is_in_the_table() -> None:
    routes = set(api_routes())
    table = set(expected_table())

    assert sorted(routes - table) == [], "new endpoints: add them to TABLE and CALLS"
    assert sorted(table - routes) == [], "the table names endpoints that do not exist"
    assert sorted(routes - set(CALLS)) == []


@pytest.mark.usefixtures("_no_throttling")
def test_authorization_table(world: World) -> None:
    for identity in IDENTITIES[1:]:
        world.bearer(identity)  # every user holds a token; the learner's is a row's object
    world.comment_id = courses_api.add_review_comment(
        user=world.users["reviewer"], slug=world.course_slug, body="Check the timer lesson."
    ).pk
    enrollment_api.bulk_enroll(
        user=world.users["admin"],
        course_slug=world.course_slug,
        content=f"email\n{world.users['other_learner'].email}\n".encode(),
    )
    invitation = Invitation.objects.get()
    world.invitation_id = invitation.pk
    world.invitation_token = enrollment_api.invitation_token(invitation)
    world.credential = certificates_api.read_credential(certificate_id=str(world.certificate.pk))
    _online_exchange(world)
    _programs(world)
    mismatches = []
    observed = {}
    for (name, method), expected in sorted(expected_table().items()):
        call = CALLS[(name, method)]
        row = []
        for identity in IDENTITIES:
            response = _request(world, identity, name, method, call.kwargs(world))
            row.append(response.status_code)
            if response.status_code >= 500:
                mismatches.append(f"{name} {method} as {identity}: {response.status_code}")
            if response.status_code != expected[identity]:
                mismatches.append(
                    f"{name} {method} as {identity}: {response.status_code}, "
                    f"expected {expected[identity]}: {response.content[:200]!r}"
                )
            elif expected[identity] == 404 and call.unknown is not None:
                unknown = _request(world, identity, name, method, call.unknown)
                if (unknown.status_code, unknown.content) != (404, response.content):
                    mismatches.append(
                        f"{name} {method} as {identity}: not yours {response.content!r} "
                        f"differs from unknown {unknown.status_code} {unknown.content!r}"
                    )
        observed[(name, method)] = row
    if mismatches:
        table = "\n".join(
            f"{name:<42} {method:<7} " + " ".join(map(str, row))
            for (name, method), row in sorted(observed.items())
        )
        pytest.fail("Observed:\n" + table + "\n\nMismatches:\n" + "\n".join(mismatches))
