"""Shapes of the public catalog: competencies, catalog rows, a course's page with its outline,
an institution's page."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api import paginated
from config.languages import LanguageField
from courses import api as courses_api
from courses.models import CatalogEntry, Competency, CourseVersion, Lesson, Level, Standard


def _language(serializer: serializers.BaseSerializer[Any]) -> str:
    return str(serializer.context["language"])


class CompetencySerializer(serializers.ModelSerializer[Competency]):
    """A domain (no parent) or a competency of the framework, in the served language."""

    # "parent" shadows Field.parent for the type checker only; DRF moves declared fields aside.
    parent = serializers.SlugRelatedField(  # type: ignore[assignment,var-annotated]
        slug_field="code", read_only=True, allow_null=True
    )
    name = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    served_language = serializers.SerializerMethodField()
    standards = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        slug_field="code",
        many=True,
        read_only=True,
        help_text="Codes of the standards the competency concerns (see /api/v1/standards/).",
    )

    class Meta:
        model = Competency
        fields = ("code", "parent", "name", "description", "served_language", "standards")

    def _texts(self, competency: Competency) -> dict[str, str]:
        return courses_api.pick(competency.translations, _language(self), "en")

    def get_name(self, competency: Competency) -> str:
        return self._texts(competency).get("name", "")

    def get_description(self, competency: Competency) -> str:
        return self._texts(competency).get("description", "")

    def get_served_language(self, competency: Competency) -> str:
        return _language(self) if _language(self) in competency.translations else "en"


class StandardSerializer(serializers.ModelSerializer[Standard]):
    """A standard competencies and case studies concern, its title in the served language (else
    English)."""

    title = serializers.SerializerMethodField()

    class Meta:
        model = Standard
        fields = ("code", "title", "issuing_body", "url")

    def get_title(self, standard: Standard) -> str:
        return str(courses_api.pick(standard.translations, _language(self), "en").get("title", ""))


class InstitutionSerializer(serializers.Serializer):
    """An owning institution."""

    slug = serializers.CharField()
    name = serializers.CharField()
    country = serializers.CharField()


class CoverSourceSerializer(serializers.Serializer):
    """One format of a cover (AVIF, WebP) at every width: a <picture>'s <source>."""

    type = serializers.CharField(help_text="Content type, e.g. image/avif.")
    srcset = serializers.CharField(help_text="URLs with their widths, e.g. `…/480.webp 480w, …`.")


class CoverSerializer(serializers.Serializer):
    """A course's cover picture, 16:9, in responsive sizes: `sources` in modern formats (best
    first), then the JPEG `src` and `srcset` every browser shows. Decorative: the title is next
    to it, so it needs no text alternative."""

    sources = CoverSourceSerializer(many=True)
    src = serializers.CharField()
    srcset = serializers.CharField()
    width = serializers.IntegerField(help_text="Intrinsic width of the largest size.")
    height = serializers.IntegerField()


class CatalogCourseSerializer(serializers.ModelSerializer[CatalogEntry]):
    """A course in the catalog, in the requested language when offered (see served_language)."""

    slug = serializers.CharField(source="course.slug")
    code = serializers.CharField(source="version.code")
    served_language = serializers.CharField()
    primary_language = serializers.CharField(source="version.primary_language")
    languages = serializers.ListField(child=serializers.CharField(), source="version.languages")
    level = serializers.ChoiceField(choices=Level.choices, source="version.level")
    estimated_hours = serializers.IntegerField(source="version.estimated_hours")
    institutions = InstitutionSerializer(many=True, source="course.institutions.all")
    competencies = serializers.SerializerMethodField()
    version = serializers.IntegerField(source="version.number")
    published_at = serializers.DateTimeField(source="version.published_at")
    cover = serializers.SerializerMethodField()

    class Meta:
        model = CatalogEntry
        fields = (
            "slug",
            "code",
            "title",
            "summary",
            "served_language",
            "primary_language",
            "languages",
            "level",
            "estimated_hours",
            "institutions",
            "competencies",
            "version",
            "published_at",
            "cover",
        )

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_competencies(self, entry: CatalogEntry) -> list[str]:
        return [competency.code for competency in entry.version.competencies.all()]

    @extend_schema_field(CoverSerializer(allow_null=True))
    def get_cover(self, entry: CatalogEntry) -> dict[str, Any] | None:
        return courses_api.cover_sources(course_id=entry.course_id, cover=entry.course.cover)


class OutlineLessonSerializer(serializers.Serializer):
    """A lesson as the outline shows it: no content, no answers."""

    key = serializers.UUIDField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=Lesson.Kind.choices)
    is_required = serializers.BooleanField()
    is_preview = serializers.BooleanField(
        help_text="Anyone may open it: GET /api/v1/courses/<slug>/lessons/<key>/preview."
    )
    duration_minutes = serializers.IntegerField()
    question_count = serializers.IntegerField(allow_null=True)


class OutlineModuleSerializer(serializers.Serializer):
    """A module and its lessons."""

    key = serializers.UUIDField()
    title = serializers.CharField()
    lessons = OutlineLessonSerializer(many=True)


class PreviewCaptionTrackSerializer(serializers.Serializer):
    """One caption track of a preview lesson's video."""

    language = serializers.CharField(help_text="The content language code, e.g. zh-hans.")
    vtt = serializers.CharField(
        help_text="WebVTT text; tags in cue text other than WebVTT's own are escaped."
    )


class PreviewLessonSerializer(serializers.Serializer):
    """A preview lesson's content, for anyone: text and video, no progress."""

    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # shadows Field.label
    kind = serializers.ChoiceField(choices=Lesson.Kind.choices)
    title = serializers.CharField()
    duration_minutes = serializers.IntegerField()
    served_language = serializers.CharField()
    body_html = serializers.CharField(help_text="Sanitised HTML rendered from Markdown.")
    video_url = serializers.CharField(
        allow_null=True, help_text="The author's URL: a video file, or a YouTube or Vimeo page."
    )
    video_hls_url = serializers.CharField(
        allow_null=True, help_text="The uploaded video as an HLS master playlist, once ready."
    )
    video_poster_url = serializers.CharField(allow_null=True)
    transcript = serializers.CharField(allow_null=True)
    captions = PreviewCaptionTrackSerializer(
        many=True, help_text="Every caption track the lesson has, the served language first."
    )


class InstitutionPageSerializer(serializers.Serializer):
    """An institution's public page: who it is, and one page of the courses it publishes."""

    slug = serializers.CharField()
    name = serializers.CharField()
    country = serializers.CharField(help_text="ISO 3166-1 alpha-2 code.")
    website = serializers.URLField(allow_null=True, help_text="Null when the institution has none.")
    logo = serializers.ImageField(allow_null=True, use_url=True)
    courses = paginated(CatalogCourseSerializer, name="PaginatedInstitutionCourseList")(
        help_text="Its published courses by title, in the requested language where offered; "
        "`page` and `page_size` choose the page."
    )


class PrerequisiteSerializer(serializers.Serializer):
    """A course to complete first."""

    slug = serializers.CharField()
    title = serializers.CharField()


class NamedCompetencySerializer(serializers.Serializer):
    """A competency the course develops."""

    code = serializers.CharField()
    name = serializers.CharField()


class CourseDetailSerializer(serializers.Serializer):
    """A published course with its outline, in the served language."""

    slug = serializers.CharField()
    code = serializers.CharField()
    version = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    description_html = serializers.CharField(help_text="Sanitised HTML rendered from Markdown.")
    served_language = serializers.CharField()
    primary_language = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    level = serializers.ChoiceField(choices=Level.choices)
    estimated_hours = serializers.IntegerField()
    total_duration_minutes = serializers.IntegerField()
    pass_mark = serializers.IntegerField()
    certificate_validity_months = serializers.IntegerField(allow_null=True)
    published_at = serializers.DateTimeField()
    institutions = InstitutionSerializer(many=True)
    competencies = NamedCompetencySerializer(many=True)
    prerequisites = PrerequisiteSerializer(many=True)
    modules = OutlineModuleSerializer(many=True)
    cover = CoverSerializer(allow_null=True)

    @staticmethod
    def build(version: CourseVersion, requested: str | None) -> dict[str, Any]:
        """The serializer's input for one version, every text in the served language."""
        language = courses_api.resolve_language(
            requested=requested, available=version.languages, primary=version.primary_language
        )

        def text(translations: dict[str, Any], name: str) -> str:
            return str(
                courses_api.pick(translations, language, version.primary_language).get(name, "")
            )

        modules: list[dict[str, Any]] = [
            {
                "key": module.key,
                "title": text(module.translations, "title"),
                "lessons": [
                    {
                        "key": lesson.key,
                        "title": text(lesson.translations, "title"),
                        "kind": lesson.kind,
                        "is_required": lesson.is_required,
                        "is_preview": lesson.is_preview,
                        "duration_minutes": lesson.duration_minutes,
                        "question_count": getattr(lesson, "question_count", None)
                        if lesson.kind == Lesson.Kind.QUIZ
                        else None,
                    }
                    for lesson in module.lessons.all()
                ],
            }
            for module in version.modules.all()
        ]
        return {
            "slug": version.course.slug,
            "code": version.code,
            "version": version.number,
            "title": text(version.translations, "title"),
            "summary": text(version.translations, "summary"),
            "description_html": courses_api.render_markdown(
                text(version.translations, "description")
            ),
            "served_language": language,
            "primary_language": version.primary_language,
            "languages": version.languages,
            "level": version.level,
            "estimated_hours": version.estimated_hours,
            "total_duration_minutes": sum(
                lesson["duration_minutes"] for module in modules for lesson in module["lessons"]
            ),
            "pass_mark": version.pass_mark,
            "certificate_validity_months": version.certificate_validity_months,
            "published_at": version.published_at,
            "institutions": list(version.course.institutions.all()),
            # The framework's names are in every platform language: the reader's, whatever
            # language the course's own texts are served in.
            "competencies": [
                {
                    "code": c.code,
                    "name": courses_api.pick(c.translations, requested or language, "en").get(
                        "name", ""
                    ),
                }
                for c in version.competencies.all()
            ],
            "prerequisites": [
                {
                    "slug": course.slug,
                    "title": courses_api.pick(
                        course.published_version.translations,
                        language,
                        course.published_version.primary_language,
                    ).get("title", "")
                    if course.published_version
                    else course.slug,
                }
                for course in version.prerequisites.all()
            ],
            "modules": modules,
            "cover": courses_api.cover_sources(
                course_id=version.course_id, cover=version.course.cover
            ),
        }


class CatalogQuerySerializer(serializers.Serializer):
    """The `lang` query parameter shared by catalog endpoints."""

    lang = LanguageField(required=False)
