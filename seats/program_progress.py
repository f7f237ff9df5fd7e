"""What an employer sees of consenting learners on a program pool: their program progress
(courses done of those required, the next course) and the program credential once earned."""

from dataclasses import dataclass
from datetime import datetime

from certificates import api as certificates_api
from certificates.models import Certificate
from enrollment.models import Enrollment
from programs import api as programs_api
from programs.models import Program, ProgramCompletion, ProgramCourse

__all__ = ["LearnerProgramProgress", "program_progress_for"]

DONE, IN_PROGRESS, NOT_STARTED = programs_api.COURSE_STATUSES


@dataclass(frozen=True)
class LearnerProgramProgress:
    """ "`done_count` of `required_count` courses done; next: `next_course`", completion, and
    the program credential with its public verification page once earned (and not revoked)."""

    done_count: int
    required_count: int
    is_complete: bool
    next_course: str | None
    completed_at: datetime | None
    credential_id: str | None
    credential_url: str | None


def program_progress_for(
    *, program: Program, learner_ids: set[int]
) -> dict[int, LearnerProgramProgress]:
    """The program progress of these learners, by learner id (every learner given is present).
    Four queries whatever the number of learners: the program's courses, the learners'
    current certificates and enrolments in them, and their completions. A course counts as
    done as on the program's page (programs.api): a current, unrevoked certificate."""
    if not learner_ids:
        return {}
    entries = list(
        ProgramCourse.objects.filter(program=program).select_related("course").order_by("position")
    )
    course_ids = [entry.course_id for entry in entries]
    done = set(
        Certificate.objects.filter(
            user_id__in=learner_ids,
            course_id__in=course_ids,
            state="issued",
            revoked_at__isnull=True,
            superseded_at__isnull=True,
        ).values_list("user_id", "course_id")
    )
    enrolled = set(
        Enrollment.objects.filter(
            user_id__in=learner_ids,
            course_id__in=course_ids,
            status__in=(Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED),
        ).values_list("user_id", "course_id")
    )
    completions = {
        completion.user_id: completion
        for completion in ProgramCompletion.objects.filter(
            program=program, user_id__in=learner_ids
        ).select_related("credential")
    }
    result = {}
    for learner_id in learner_ids:
        steps = [
            programs_api.CourseStep(
                slug=entry.course.slug,
                is_available=entry.course.published_version_id is not None,
                status=DONE
                if (learner_id, entry.course_id) in done
                else IN_PROGRESS
                if (learner_id, entry.course_id) in enrolled
                else NOT_STARTED,
            )
            for entry in entries
        ]
        progress = programs_api.evaluate_progress(
            kind=program.kind, required_count=program.required_count, steps=steps
        )
        completion = completions.get(learner_id)
        credential = completion.credential if completion is not None else None
        credential_id = (
            str(credential.pk) if credential is not None and credential.revoked_at is None else None
        )
        result[learner_id] = LearnerProgramProgress(
            done_count=progress.done_count,
            required_count=progress.required_count,
            is_complete=completion is not None or progress.is_complete,
            next_course=progress.next_course,
            completed_at=completion.completed_at if completion is not None else None,
            credential_id=credential_id,
            credential_url=certificates_api.verification_url(certificate_id=credential_id)
            if credential_id
            else None,
        )
    return result
