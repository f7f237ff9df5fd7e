"""Completing a program: when a learner's course certificate is issued, each published program
containing that course is checked, and a complete one earns its program credential (a signed
Open Badges 3.0 credential and a sealed PDF, issued by `certificates` like an attendance)."""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import api as accounts_api
from accounts.models import User
from certificates import api as certificates_api
from certificates.models import Certificate
from programs.models import Program, ProgramCompletion, ProgramCourse
from programs.progress import NOT_STARTED, CourseStep, evaluate_progress
from programs.selectors import course_statuses, course_view, program_entries, program_texts
from programs.signals import program_completed

# certificates.AttendanceCredential.Kind: the credential kind of a completed program.
PROGRAM_COMPLETION = "program_completion"


@dataclass(frozen=True)
class ProgramCredential:
    """A program credential as the learner's record lists it."""

    credential_id: uuid.UUID
    program_slug: str
    program_title: str
    issued_at: datetime
    # The signed Open Badges 3.0 credential, parsed from the bytes as issued.
    credential: dict[str, Any]
    verification_url: str
    has_pdf: bool
    # The program's courses (their slugs, in order) as it stands now: the learner's record
    # links the program's achievement to theirs.
    course_slugs: tuple[str, ...] = ()


def program_source(program_id: int) -> str:
    """The `source` of a program's credentials in `certificates` (one per learner)."""
    return f"program:{program_id}"


def complete_programs_for_certificate(*, certificate_id: uuid.UUID | str) -> list[int]:
    """Check the published programs containing the course of this (issued, current,
    unrevoked) certificate, and issue the program credential of each one the learner has now
    completed. Returns the ids of the completions recorded or found. Idempotent: runs any
    number of times without a second credential. An unknown or withdrawn certificate does
    nothing."""
    certificate = (
        Certificate.objects.filter(
            pk=certificate_id, state="issued", revoked_at__isnull=True, superseded_at__isnull=True
        )
        .values("user_id", "course_id")
        .first()
    )
    if certificate is None:
        return []
    program_ids = list(
        Program.objects.filter(
            state=Program.State.PUBLISHED, entries__course_id=certificate["course_id"]
        ).values_list("pk", flat=True)
    )
    completions = []
    for program_id in program_ids:
        completion = issue_program_credential(program_id=program_id, user_id=certificate["user_id"])
        if completion is not None:
            completions.append(completion.pk)
    return completions


def issue_program_credential(*, program_id: int, user_id: int) -> ProgramCompletion | None:
    """Record that the learner completed the published program and issue its credential, once:
    returns the completion (the existing one when recorded before), or None when the program
    is not published or not complete for them.

    Safe to run concurrently: `certificates` keeps one credential per program and learner and
    the unique constraint one completion; `program_completed` is sent (on commit) and the
    issue audited only by the run that recorded it. OSError from storage propagates (the task
    retries; nothing half-made is shown: the completion is recorded after the PDF is stored).
    """
    existing = ProgramCompletion.objects.filter(program_id=program_id, user_id=user_id).first()
    if existing is not None:
        return existing
    program = Program.objects.filter(pk=program_id, state=Program.State.PUBLISHED).first()
    if program is None:
        return None
    user = User.objects.get(pk=user_id)
    entries = list(program_entries(program))
    statuses = course_statuses(user=user, course_ids=[e.course_id for e in entries])
    courses = [course_view(entry, user.preferred_language, statuses) for entry in entries]
    progress = evaluate_progress(
        kind=program.kind,
        required_count=program.required_count,
        steps=[
            CourseStep(slug=c.slug, is_available=c.is_available, status=c.status or NOT_STARTED)
            for c in courses
        ],
    )
    if not progress.is_complete:
        return None
    texts = program_texts(program, user.preferred_language)
    owners = list(program.institutions.order_by("name"))
    with translation.override(user.preferred_language):
        narrative = _(
            "Completed the program %(program)s of %(institutions)s by earning the course "
            "certificates of: %(courses)s."
        ) % {
            "program": texts["title"],
            "institutions": ", ".join(o.name for o in owners),
            "courses": "; ".join(c.title for c in courses if c.status == "done"),
        }
    completed_at = timezone.now().replace(microsecond=0)
    credential = certificates_api.issue_achievement_credential(
        kind=PROGRAM_COMPLETION,
        source=program_source(program.pk),
        user_id=user.pk,
        organization_ids=[o.pk for o in owners],
        title=texts["title"],
        description=texts["summary"] or texts["title"],
        achieved_at=completed_at,
        achievement_url=f"{settings.PUBLIC_BASE_URL}/programs/{program.slug}",
        narrative=narrative,
    )
    try:
        with transaction.atomic():
            completion = ProgramCompletion.objects.create(
                program=program, user=user, credential=credential, completed_at=completed_at
            )
            accounts_api.record_audit_event(
                action=accounts_api.AuditAction.PROGRAM_CREDENTIAL_ISSUED,
                actor=None,
                target_type="program",
                target_id=program.slug,
                details={"learner": user.email, "credential": str(credential.pk)},
            )
            completion_id = completion.pk
            transaction.on_commit(
                lambda: program_completed.send(sender=Program, completion_id=completion_id)
            )
    except IntegrityError:  # a concurrent task recorded it first
        return ProgramCompletion.objects.get(program_id=program_id, user_id=user_id)
    return completion


def list_program_credentials_for_user(*, user_id: int) -> list[ProgramCredential]:
    """The user's issued, unrevoked program credentials, newest first, each with its signed
    Open Badges 3.0 credential (parsed), the program's slug and the title frozen at issue (one
    query, and one for the programs' courses). For the learner's record (CLR) and their pages."""
    completions = (
        ProgramCompletion.objects.filter(user_id=user_id, credential__revoked_at__isnull=True)
        .select_related("program", "credential")
        .prefetch_related(
            Prefetch(
                "program__entries",
                queryset=ProgramCourse.objects.select_related("course").order_by("position"),
            )
        )
        .order_by("-completed_at", "-pk")
    )
    return [
        ProgramCredential(
            credential_id=completion.credential.pk,
            program_slug=completion.program.slug,
            program_title=completion.credential.title,
            issued_at=completion.credential.issued_at,
            credential=json.loads(bytes(completion.credential.credential)),
            verification_url=certificates_api.verification_url(
                certificate_id=str(completion.credential.pk)
            ),
            has_pdf=bool(completion.credential.pdf_sha256),
            course_slugs=tuple(entry.course.slug for entry in completion.program.entries.all()),
        )
        for completion in completions
    ]


def read_program_credential_pdf(*, user: User, credential_id: uuid.UUID) -> bytes:
    """The sealed PDF of one of the user's program credentials, byte for byte as issued.
    Raises certificates' AttendanceCredential.DoesNotExist (as ObjectDoesNotExist) for unknown,
    someone else's and not yet rendered alike."""
    return certificates_api.read_achievement_pdf(user=user, credential_id=credential_id)
