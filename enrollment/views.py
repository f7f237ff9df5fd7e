"""HTTP endpoints of enrollment: thin views over `enrollment.api`."""

import csv
import io
import uuid
from collections.abc import Iterable
from typing import Any, cast

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import api as accounts_api
from accounts.models import User
from config.api import ErrorSerializer, PageNumberPagination, paginated
from enrollment import api as enrollment_api
from enrollment.models import Enrollment
from enrollment.serializers import (
    BulkEnrollInputSerializer,
    BulkEnrollReportSerializer,
    CourseAnalyticsSerializer,
    EnrollInputSerializer,
    EnrollmentQuerySerializer,
    EnrollmentSerializer,
    EnrollmentStateSerializer,
    EventInputSerializer,
    EventResultSerializer,
    InstitutionAnalyticsSerializer,
    InvitationSerializer,
    LessonContentSerializer,
    PageQuerySerializer,
    PaginatedStaffInvitationSerializer,
    ProgressSerializer,
    QuizAttemptSerializer,
    StaffInvitationSerializer,
    StatementQuerySerializer,
    StatementSerializer,
    XapiStatementPageSerializer,
)

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown, or not yours")
INVALID = OpenApiResponse(ErrorSerializer, description="Invalid input")


def _user(request: Request) -> User:
    return cast(User, request.user)


def _language(request: Request) -> str:
    return str(getattr(request, "LANGUAGE_CODE", "en"))


def _waitlist_positions(enrollments: list[Enrollment]) -> dict[int, int]:
    """Waitlist places of the waitlisted enrollments given, in one query for any number."""
    waiting = {e.pk for e in enrollments if e.status == Enrollment.Status.WAITLISTED}
    if not waiting:
        return {}
    queues = (
        Enrollment.objects.filter(
            course_id__in={e.course_id for e in enrollments if e.pk in waiting},
            status=Enrollment.Status.WAITLISTED,
        )
        .order_by("course_id", "status_changed_at", "pk")
        .values_list("pk", "course_id")
    )
    positions: dict[int, int] = {}
    place: dict[int, int] = {}
    for pk, course_id in queues:
        place[course_id] = place.get(course_id, 0) + 1
        if pk in waiting:
            positions[pk] = place[course_id]
    return positions


class EnrollmentListView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="My enrollments",
        operation_id="enrollments_list",
        responses={
            200: paginated(EnrollmentSerializer, name="PaginatedEnrollmentList"),
            400: INVALID,
        },
        parameters=[EnrollmentQuerySerializer],
    )
    def get(self, request: Request) -> Response:
        query = EnrollmentQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        paginator = PageNumberPagination()
        queryset: QuerySet[Enrollment] = enrollment_api.list_enrollments(
            user=_user(request), course_slug=query.validated_data.get("course")
        )
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        context = {"language": _language(request), "waitlist_positions": _waitlist_positions(page)}
        return paginator.get_paginated_response(
            EnrollmentSerializer(page, many=True, context=context).data
        )

    @extend_schema(
        tags=["enrollment"],
        summary="Enrol in a course (or join its waitlist when it is full); idempotent",
        request=EnrollInputSerializer,
        responses={201: EnrollmentSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        serializer = EnrollInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        enrollment = enrollment_api.enroll(
            user=_user(request),
            course_slug=serializer.validated_data["course"],
            language=_language(request),
        )
        context = {
            "language": _language(request),
            "waitlist_positions": _waitlist_positions([enrollment]),
        }
        return Response(
            EnrollmentSerializer(enrollment, context=context).data, status=status.HTTP_201_CREATED
        )


class EnrollmentDetailView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="One of my enrollments",
        responses={200: EnrollmentSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, enrollment_id: int) -> Response:
        enrollment = enrollment_api.get_enrollment_for_user(
            user=_user(request), enrollment_id=enrollment_id
        )
        context = {
            "language": _language(request),
            "waitlist_positions": _waitlist_positions([enrollment]),
        }
        return Response(EnrollmentSerializer(enrollment, context=context).data)


class UnenrollView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Leave the course (progress is kept); idempotent",
        request=None,
        responses={200: EnrollmentSerializer, 404: NOT_FOUND},
    )
    def post(self, request: Request, enrollment_id: int) -> Response:
        enrollment = enrollment_api.unenroll(user=_user(request), enrollment_id=enrollment_id)
        return Response(
            EnrollmentSerializer(enrollment, context={"language": _language(request)}).data
        )


class MoveVersionView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Move to the course's current published version (progress follows lessons)",
        request=None,
        responses={200: EnrollmentSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, enrollment_id: int) -> Response:
        enrollment = enrollment_api.move_to_current_version(
            user=_user(request), enrollment_id=enrollment_id
        )
        return Response(
            EnrollmentSerializer(enrollment, context={"language": _language(request)}).data
        )


class EventView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Record a learning event (idempotent by its client-generated id)",
        description="Kinds: lesson_opened, lesson_completed (text and resource lessons), "
        "video_progress (`segments`, and `duration`, the video's real length, when the player "
        "knows it; the server marks the video watched at 90 % of that length, believed within "
        "the declared minutes ± a quarter, at least a minute, never under half), "
        "quiz_submitted (`answers`; graded on the server). Replaying an id returns the "
        "stored result.",
        request=EventInputSerializer,
        responses={200: EventResultSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, enrollment_id: int) -> Response:
        serializer = EventInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        payload = {name: data[name] for name in ("segments", "duration", "answers") if name in data}
        result = enrollment_api.record_event(
            user=_user(request),
            enrollment_id=enrollment_id,
            event_id=data["id"],
            kind=data["kind"],
            lesson_key=data["lesson"],
            payload=payload,
            language=_language(request),
        )
        return Response(result)


class ProgressView(APIView):
    # With a bearer token, the cached answer is read in the token's round trip (one in all).
    prefetched_cache: dict[str, Any] | None = None

    def authentication_prefetch_names(self, request: Request) -> list[str]:
        return enrollment_api.progress_cache_names(
            enrollment_id=self.kwargs["enrollment_id"], language=_language(request)
        )

    @extend_schema(
        tags=["enrollment"],
        summary="Exact progress and what is still missing",
        responses={200: ProgressSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, enrollment_id: int) -> Response:
        # The api's answer is already in ProgressSerializer's shape (a test holds them equal):
        # serializing it again cost a fifth of this hot request.
        return Response(
            enrollment_api.get_progress(
                user=_user(request),
                enrollment_id=enrollment_id,
                language=_language(request),
                prefetched=self.prefetched_cache,
            )
        )


class LessonContentView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="A lesson to study (quiz without answer keys)",
        responses={200: LessonContentSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, enrollment_id: int, lesson_key: Any) -> Response:
        try:
            content = enrollment_api.get_lesson_content(
                user=_user(request),
                enrollment_id=enrollment_id,
                lesson_key=lesson_key,
                language=_language(request),
            )
        except KeyError as error:
            raise Enrollment.DoesNotExist from error
        return Response(LessonContentSerializer(content).data)


class QuizAttemptView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Start an attempt at a quiz lesson (or answer the one running)",
        description="Answers to a quiz (`quiz_submitted`) are accepted only for an attempt "
        "started here; the server times it from now. A timed attempt not handed in by `ends_at` "
        "(plus a minute's grace) is refused and counts as used, with a score of 0.",
        request=None,
        responses={200: QuizAttemptSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, enrollment_id: int, lesson_key: uuid.UUID) -> Response:
        attempt = enrollment_api.start_quiz_attempt(
            user=_user(request),
            enrollment_id=enrollment_id,
            lesson_key=lesson_key,
            language=_language(request),
        )
        return Response(QuizAttemptSerializer(attempt).data)


class StatementListView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Export learning records as xAPI 1.0.3 statements",
        description="My own statements, or with `course` the statements of a course my "
        "institution owns. Oldest first, paginated, `since`/`until` as ISO 8601.",
        parameters=[StatementQuerySerializer],
        responses={
            200: XapiStatementPageSerializer,
            400: INVALID,
            403: OpenApiResponse(ErrorSerializer),
        },
    )
    def get(self, request: Request) -> Response:
        query = StatementQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        window = {name: query.validated_data.get(name) for name in ("since", "until")}
        if "course" in query.validated_data:
            events = enrollment_api.list_course_statements(
                user=_user(request), course_slug=query.validated_data["course"], **window
            )
        else:
            events = enrollment_api.list_statements(user=_user(request), **window)
        paginator = PageNumberPagination()
        page = (
            paginator.paginate_queryset(events.only("statement", "created_at"), request, view=self)
            or []
        )
        return paginator.get_paginated_response(StatementSerializer(page, many=True).data)


class BulkEnrollView(APIView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["enrollment"],
        summary="Staff: enrol learners from a CSV file (email, name); one result per row",
        request={"multipart/form-data": BulkEnrollInputSerializer},
        responses={200: BulkEnrollReportSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        serializer = BulkEnrollInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        report = enrollment_api.bulk_enroll(
            user=_user(request),
            course_slug=serializer.validated_data["course"],
            content=upload.read(enrollment_api.CSV_MAX_BYTES + 1),
            language=_language(request),
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(BulkEnrollReportSerializer(report).data)


# --- invitations ----------------------------------------------------------------------------------


class InvitationView(APIView):
    permission_classes = (permissions.AllowAny,)
    throttle_scope = "invitation"

    @extend_schema(
        tags=["enrollment"],
        summary="An invitation by its link's token: the course, its institutions, the invited "
        "address and the state (open, expired, accepted, withdrawn); public",
        responses={200: InvitationSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, token: str) -> Response:
        invitation = enrollment_api.get_invitation(
            token=token, user=request.user, language=_language(request)
        )
        return Response(InvitationSerializer(invitation).data)


class InvitationAcceptView(APIView):
    throttle_scope = "invitation"

    @extend_schema(
        tags=["enrollment"],
        summary="Accept an invitation as the invited address: enrol (or join the waitlist); "
        "idempotent. 400 codes: wrong_account, invitation_expired, invitation_used, "
        "invitation_withdrawn, and enrolment's own",
        request=None,
        responses={200: EnrollmentSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, token: str) -> Response:
        enrollment = enrollment_api.accept_invitation(
            user=_user(request),
            token=token,
            language=_language(request),
            ip_address=accounts_api.client_ip_address(request=request),
        )
        context = {
            "language": _language(request),
            "waitlist_positions": _waitlist_positions([enrollment]),
        }
        return Response(EnrollmentSerializer(enrollment, context=context).data)


class CourseInvitationListView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Staff: a course's pending (open or expired) invitations, last sent first",
        parameters=[PageQuerySerializer],
        responses={200: PaginatedStaffInvitationSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        PageQuerySerializer(data=request.query_params).is_valid(raise_exception=True)
        invitations = enrollment_api.list_pending_invitations(user=_user(request), course_slug=slug)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(invitations, request, view=self) or []
        return paginator.get_paginated_response(StaffInvitationSerializer(page, many=True).data)


class CourseInvitationWithdrawView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Staff: withdraw a pending invitation (its link stops working); idempotent",
        request=None,
        responses={200: StaffInvitationSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, slug: str, invitation_id: int) -> Response:
        invitation = enrollment_api.withdraw_invitation(
            user=_user(request),
            course_slug=slug,
            invitation_id=invitation_id,
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(StaffInvitationSerializer(invitation).data)


class CourseAnalyticsView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Staff: analytics of a course",
        responses={200: CourseAnalyticsSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        analytics = enrollment_api.course_analytics(
            user=_user(request), course_slug=slug, language=_language(request)
        )
        return Response(CourseAnalyticsSerializer(analytics).data)


class InstitutionAnalyticsView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Staff: analytics of an institution and each of its courses",
        responses={200: InstitutionAnalyticsSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, organization_slug: str) -> Response:
        analytics = enrollment_api.institution_analytics(
            user=_user(request), organization_slug=organization_slug, language=_language(request)
        )
        return Response(InstitutionAnalyticsSerializer(analytics).data)


# --- CSV exports ----------------------------------------------------------------------------------

CSV_RESPONSE = {(200, "text/csv"): OpenApiTypes.STR, 404: NOT_FOUND}
# A spreadsheet would run a cell starting with one of these as a formula (CSV injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_PREFIXES) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _csv_response(header: list[str], rows: Iterable[list[Any]], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    # With a byte-order mark, Excel opens UTF-8 (Chinese, Arabic titles) correctly.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _course_rows(analytics: dict[str, Any]) -> Iterable[list[Any]]:
    """The course analytics as rows of (section, key, label, count, value)."""
    yield ["summary", "active_learners_30_days", "", analytics["active_learners_30_days"], ""]
    yield ["summary", "completion_rate", "", "", analytics["completion_rate"]]
    yield ["summary", "average_grade", "", "", analytics["average_grade"]]
    for status_name, count in analytics["enrollments"].items():
        yield ["enrollments", status_name, "", count, ""]
    for day in analytics["enrollments_over_time"]:
        yield ["enrollments_over_time", day["date"].isoformat(), "", day["count"], ""]
    for band in analytics["grade_distribution"]:
        key = f"{band['from_grade']}-{band['to_grade']}"
        yield ["grade_distribution", key, "", band["count"], ""]
    for step in analytics["funnel"]:
        label = f"{step['number']}. {step['title']}"
        yield ["funnel", step["module"], label, step["learners_completed"], ""]
    for question in analytics["questions"]:
        label = f"{question['lesson']}: {question['prompt']}"
        yield [
            "questions",
            question["question"],
            label,
            question["answers"],
            question["correct_share"],
        ]


class CourseAnalyticsCsvView(APIView):
    @extend_schema(
        tags=["enrollment"],
        operation_id="analytics_courses_csv_retrieve",
        summary="Staff: the analytics of a course as CSV",
        description="The data of `GET /analytics/courses/<slug>/`, one line per figure: "
        "`section` (summary, enrollments, enrollments_over_time, grade_distribution, funnel, "
        "questions), `key` "
        "(the figure, status, date, module or question key), `label`, `count` (learners, "
        "enrolments or answers) and `value` (rates, grades, the share of correct answers).",
        responses=CSV_RESPONSE,
    )
    def get(self, request: Request, slug: str) -> HttpResponse:
        analytics = enrollment_api.course_analytics(
            user=_user(request), course_slug=slug, language=_language(request)
        )
        return _csv_response(
            ["section", "key", "label", "count", "value"],
            _course_rows(analytics),
            f"course-analytics-{analytics['course']}.csv",
        )


class InstitutionAnalyticsCsvView(APIView):
    @extend_schema(
        tags=["enrollment"],
        operation_id="analytics_institutions_csv_retrieve",
        summary="Staff: an institution's per-course analytics as CSV",
        description="One line per course, then a line `*` with the institution's totals: "
        "enrolments by status, completion rate and average grade, as in "
        "`GET /analytics/institutions/<slug>/`.",
        responses=CSV_RESPONSE,
    )
    def get(self, request: Request, organization_slug: str) -> HttpResponse:
        analytics = enrollment_api.institution_analytics(
            user=_user(request), organization_slug=organization_slug, language=_language(request)
        )
        statuses = list(Enrollment.Status.values)
        rows = [
            [
                course["course"],
                course["title"],
                *(course["enrollments"][name] for name in statuses),
                course["completion_rate"],
                course["average_grade"],
            ]
            for course in analytics["courses"]
        ]
        rows.append(
            [
                "*",
                analytics["name"],
                *(analytics["enrollments"][name] for name in statuses),
                analytics["completion_rate"],
                analytics["average_grade"],
            ]
        )
        return _csv_response(
            ["course", "title", *statuses, "completion_rate", "average_grade"],
            rows,
            f"institution-analytics-{analytics['institution']}.csv",
        )


class EnrollmentStateView(APIView):
    permission_classes = (permissions.AllowAny,)

    @extend_schema(
        tags=["enrollment"],
        summary="Enrolment window, capacity and places left; my enrollment and missing "
        "prerequisites",
        description="Live and per user, so apart from the course detail (which is cached and "
        "the same for everyone). Signed out: `my_enrollment` and `missing_prerequisites` are "
        "null. Prerequisite titles are in the request's language, else the course's primary.",
        responses={200: EnrollmentStateSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        state = enrollment_api.enrollment_state(
            user=_user(request), course_slug=slug, language=_language(request)
        )
        return Response(EnrollmentStateSerializer(state).data)
