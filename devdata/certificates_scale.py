"""Bulk synthetic certificates for benchmarks: issued rows that share one rendered PDF."""

import hashlib
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from certificates import api as certificates_api
from certificates.models import Certificate
from courses.models import CourseVersion
from devdata import bulk
from enrollment.models import Enrollment, LessonProgress

# Every seeded certificate points at this one file: rendering and sealing 20,000 PDFs would take
# longer than the whole seed may, and bench_issuing.py measures that pipeline for real.
SHARED_PDF = "certificates/pdf/scale-shared.pdf"
TEMPLATE_VERSION = "scale"  # marks the synthetic rows


def seed_certificates(*, certificates: int, report: Callable[[str], None]) -> None:
    """Complete scale enrollments with recorded progress and give each an issued certificate.

    Only enrollments with lesson progress qualify, as a real completion would: a seed without
    learning events (bench_issuing.py's) gets no certificates and issues its own.

    The rows are synthetic and say so: issued, frozen fields filled from the enrollment, the PDF
    a shared rendered file (its hash is the file's), no signed credential and no status list
    entry. Idempotent by counting: only what is missing is added.
    """
    started = time.monotonic()
    scale_enrollments = Enrollment.objects.filter(user__email__startswith="scale-learner-")
    have = Certificate.objects.filter(enrollment__in=scale_enrollments).count()
    if have >= certificates:
        return
    chosen = list(
        scale_enrollments.filter(
            Exists(LessonProgress.objects.filter(enrollment_id=OuterRef("pk")))
        )
        .exclude(pk__in=Certificate.objects.values("enrollment_id"))
        .order_by("pk")
        .values_list("pk", "user_id", "course_id", "version_id", "user__full_name")[
            : certificates - have
        ]
    )
    if not chosen:
        return
    digest = _shared_pdf()
    now = timezone.now().replace(microsecond=0)
    titles = dict(
        CourseVersion.objects.filter(
            pk__in={version_id for _pk, _user, _course, version_id, _name in chosen}
        ).values_list("pk", "translations__en__title")
    )
    with transaction.atomic(), bulk.indexes_built_after(Certificate, rows=len(chosen)):
        bulk.copy_rows(
            Certificate,
            [
                "id",
                "enrollment_id",
                "user_id",
                "course_id",
                "version_id",
                "state",
                "language",
                "learner_name",
                "course_title",
                "course_code",
                "institutions",
                "competencies",
                "grade",
                "completed_at",
                "issued_at",
                "expires_at",
                "template_version",
                "pdf",
                "pdf_sha256",
                "created_at",
            ],
            (
                (
                    uuid.uuid4(),
                    enrollment_id,
                    user_id,
                    course_id,
                    version_id,
                    Certificate.State.ISSUED.value,
                    "en",
                    name,
                    titles.get(version_id) or "Scale course",
                    f"SC-{course_id}",
                    "[]",
                    "[]",
                    Decimal(90),
                    now,
                    now,
                    now + timedelta(days=3 * 365),
                    TEMPLATE_VERSION,
                    SHARED_PDF,
                    digest,
                    now,
                )
                for enrollment_id, user_id, course_id, version_id, name in chosen
            ),
        )
        Enrollment.objects.filter(
            pk__in=Certificate.objects.filter(template_version=TEMPLATE_VERSION).values(
                "enrollment_id"
            )
        ).exclude(status="completed").update(
            status="completed", completed_at=now, status_changed_at=now, final_grade=90
        )
    report(f"  certificates: {have + len(chosen)} ({time.monotonic() - started:.0f} s)")


def _shared_pdf() -> str:
    """Render the shared certificate PDF once (unsealed, no credential); return its SHA-256."""
    if not default_storage.exists(SHARED_PDF):
        pdf = certificates_api.render_certificate_pdf(
            certificates_api.CertificateDocument(
                certificate_id="00000000-0000-4000-8000-000000000000",
                learner_name="Scale Learner",
                learner_native_name="",
                course_title="Scale course",
                course_code="SC-0",
                institutions=(),
                issued_on=timezone.now().date(),
                expires_on=None,
                grade="90 %",
                competencies=(),
                language="en",
                verification_url="https://academy.example/verify/scale",
            )
        )
        default_storage.save(SHARED_PDF, ContentFile(pdf))
    with default_storage.open(SHARED_PDF, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()
