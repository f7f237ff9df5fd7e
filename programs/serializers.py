"""Input and output shapes of the programs API."""

from typing import Any

from django.conf import settings
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from certificates import api as certificates_api
from config.api import StrictSerializer
from programs import api as programs_api
from programs.models import Program


class ProgramTextSerializer(StrictSerializer):
    title = serializers.CharField(max_length=200, allow_blank=True)
    summary = serializers.CharField(max_length=500, allow_blank=True, required=False)
    description = serializers.CharField(max_length=5000, allow_blank=True, required=False)


class ProgramInputSerializer(StrictSerializer):
    """A program's editable fields; on creation also its owning institutions."""

    organizations = serializers.ListField(
        child=serializers.SlugField(), required=False, max_length=10
    )
    kind = serializers.ChoiceField(choices=Program.Kind.choices, required=False)
    required_count = serializers.IntegerField(
        min_value=1, max_value=programs_api.MAX_COURSES, allow_null=True, required=False
    )
    primary_language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    translations = serializers.DictField(child=ProgramTextSerializer(), required=False)


class ProgramCoursesInputSerializer(StrictSerializer):
    courses = serializers.ListField(
        child=serializers.SlugField(), max_length=programs_api.MAX_COURSES, allow_empty=True
    )


class InstitutionNameSerializer(serializers.Serializer[Any]):
    slug = serializers.SlugField()
    name = serializers.CharField()


class ProgramSummarySerializer(serializers.Serializer[Any]):
    """A program in the catalog, in the request's language (falling back to the primary)."""

    slug = serializers.SlugField()
    title = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    language = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=Program.Kind.choices)
    required_count = serializers.SerializerMethodField()
    course_count = serializers.SerializerMethodField()
    state = serializers.ChoiceField(choices=Program.State.choices)
    institutions = serializers.SerializerMethodField()

    def _texts(self, program: Program) -> dict[str, str]:
        return programs_api.program_texts(program, translation.get_language())

    def get_title(self, program: Program) -> str:
        return self._texts(program)["title"]

    def get_summary(self, program: Program) -> str:
        return self._texts(program)["summary"]

    def get_language(self, program: Program) -> str:
        return self._texts(program)["language"]

    def get_required_count(self, program: Program) -> int:
        """How many courses complete it: all of an ordered program's."""
        return program.required_count or self.get_course_count(program)

    def get_course_count(self, program: Program) -> int:
        count = getattr(program, "course_count", None)
        return int(count) if count is not None else program.entries.count()

    @extend_schema_field(InstitutionNameSerializer(many=True))
    def get_institutions(self, program: Program) -> list[dict[str, str]]:
        return [
            {"slug": o.slug, "name": o.name}
            for o in sorted(program.institutions.all(), key=lambda o: o.name)
        ]


class ProgramCourseSerializer(serializers.Serializer[Any]):
    slug = serializers.SlugField()
    title = serializers.CharField()
    language = serializers.CharField()
    position = serializers.IntegerField()
    institutions = serializers.ListField(child=serializers.CharField())
    is_available = serializers.BooleanField(
        help_text="False for a retired course: no one can start or finish it any more."
    )
    status = serializers.ChoiceField(
        choices=programs_api.COURSE_STATUSES,
        allow_null=True,
        help_text="The signed-in learner's: done (holds its certificate), in progress "
        "(enrolled), not started; null for a visitor.",
    )


class ProgramProgressSerializer(serializers.Serializer[Any]):
    done_count = serializers.IntegerField()
    required_count = serializers.IntegerField()
    is_complete = serializers.BooleanField()
    is_completable = serializers.BooleanField(
        help_text="False when retired courses leave too few to complete it."
    )
    next_course = serializers.SlugField(allow_null=True)
    retired_missing = serializers.ListField(child=serializers.SlugField())


class ProgramCredentialLinkSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    verification_url = serializers.CharField()
    pdf_url = serializers.CharField()


class ProgramWithDescriptionSerializer(ProgramSummarySerializer):
    description = serializers.SerializerMethodField()

    def get_description(self, program: Program) -> str:
        return self._texts(program)["description"]


class ProgramDetailSerializer(serializers.Serializer[Any]):
    """A program's page (`programs.api.ProgramPage`): the program, its courses in order, and the
    signed-in learner's progress and credential."""

    program = ProgramWithDescriptionSerializer()
    courses = ProgramCourseSerializer(many=True)
    progress = ProgramProgressSerializer(allow_null=True)
    credential = serializers.SerializerMethodField()
    can_edit = serializers.SerializerMethodField()

    @extend_schema_field(ProgramCredentialLinkSerializer(allow_null=True))
    def get_credential(self, page: Any) -> dict[str, str] | None:
        credential_id = page.credential_id
        if credential_id is None:
            return None
        return {
            "id": credential_id,
            "verification_url": certificates_api.verification_url(certificate_id=credential_id),
            "pdf_url": f"/api/v1/programs/credentials/{credential_id}/pdf",
        }

    def get_can_edit(self, page: Any) -> bool:
        """Whether the viewer is staff of an owning institution (opens the authoring API)."""
        return bool(self.context.get("can_edit"))


class ProgramStaffSerializer(serializers.Serializer[Any]):
    """A program as its institutions' staff edit it: every language, any state."""

    slug = serializers.SlugField()
    kind = serializers.ChoiceField(choices=Program.Kind.choices)
    required_count = serializers.IntegerField(allow_null=True)
    state = serializers.ChoiceField(choices=Program.State.choices)
    primary_language = serializers.CharField()
    translations = serializers.DictField(child=ProgramTextSerializer())
    organizations = serializers.SerializerMethodField()
    courses = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(allow_null=True)
    retired_at = serializers.DateTimeField(allow_null=True)

    def get_organizations(self, program: Program) -> list[str]:
        return sorted(o.slug for o in program.institutions.all())

    def get_courses(self, program: Program) -> list[str]:
        return list(program.entries.order_by("position").values_list("course__slug", flat=True))


class ProgramCredentialSerializer(serializers.Serializer[Any]):
    """One of my program credentials."""

    credential_id = serializers.UUIDField()
    program_slug = serializers.SlugField()
    program_title = serializers.CharField()
    issued_at = serializers.DateTimeField()
    verification_url = serializers.CharField()
    has_pdf = serializers.BooleanField()
