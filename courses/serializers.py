"""Output and input shapes of the catalog and authoring API."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api import StrictSerializer, document_shape, paginated
from config.languages import LanguageField
from courses import api as courses_api
from courses.models import (
    CatalogEntry,
    Competency,
    Course,
    CourseVersion,
    Lesson,
    Level,
    Question,
    Quiz,
    Resource,
    ReviewComment,
    Transition,
)


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

    class Meta:
        model = Competency
        fields = ("code", "parent", "name", "description", "served_language")

    def _texts(self, competency: Competency) -> dict[str, str]:
        return courses_api.pick(competency.translations, _language(self), "en")

    def get_name(self, competency: Competency) -> str:
        return self._texts(competency).get("name", "")

    def get_description(self, competency: Competency) -> str:
        return self._texts(competency).get("description", "")

    def get_served_language(self, competency: Competency) -> str:
        return _language(self) if _language(self) in competency.translations else "en"


class InstitutionSerializer(serializers.Serializer):
    """An owning institution."""

    slug = serializers.CharField()
    name = serializers.CharField()
    country = serializers.CharField()


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
        )

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_competencies(self, entry: CatalogEntry) -> list[str]:
        return [competency.code for competency in entry.version.competencies.all()]


class OutlineLessonSerializer(serializers.Serializer):
    """A lesson as the outline shows it: no content, no answers."""

    key = serializers.UUIDField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=Lesson.Kind.choices)
    is_required = serializers.BooleanField()
    duration_minutes = serializers.IntegerField()
    question_count = serializers.IntegerField(allow_null=True)


class OutlineModuleSerializer(serializers.Serializer):
    """A module and its lessons."""

    key = serializers.UUIDField()
    title = serializers.CharField()
    lessons = OutlineLessonSerializer(many=True)


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
        }


class CatalogQuerySerializer(serializers.Serializer):
    """The `lang` query parameter shared by catalog endpoints."""

    lang = LanguageField(required=False)


# --- authoring ----------------------------------------------------------------------------------


class VersionSummarySerializer(serializers.ModelSerializer[CourseVersion]):
    """One version of a course and its workflow state."""

    class Meta:
        model = CourseVersion
        fields: tuple[str, ...] = (
            "number",
            "state",
            "code",
            "primary_language",
            "languages",
            "created_at",
            "updated_at",
            "published_at",
        )
        # Read-only fields carry no database-dependent range: the schema is the same on SQLite
        # and PostgreSQL.
        read_only_fields: tuple[str, ...] = fields


class ImportedVersionSerializer(VersionSummarySerializer):
    """The version an import created, with its course's slug (a zip names it only inside)."""

    course = serializers.CharField(source="course.slug", read_only=True)

    class Meta(VersionSummarySerializer.Meta):
        fields = ("course", *VersionSummarySerializer.Meta.fields)
        read_only_fields = fields


class AuthoringCourseSerializer(serializers.ModelSerializer[Course]):
    """A course as its institution's staff see it: every version and its state."""

    institutions = InstitutionSerializer(many=True, source="institutions.all")
    versions = VersionSummarySerializer(many=True, source="versions.all")
    title = serializers.SerializerMethodField()

    class Meta:
        model = Course
        fields: tuple[str, ...] = ("slug", "title", "institutions", "versions", "created_at")

    def get_title(self, course: Course) -> str:
        versions = list(course.versions.all())
        if not versions:
            return course.slug
        latest = versions[0]
        return str(
            courses_api.pick(
                latest.translations, latest.primary_language, latest.primary_language
            ).get("title", course.slug)
        )


class TransitionSerializer(serializers.ModelSerializer[Transition]):
    """A workflow step: who, when, from which state to which, and why."""

    version = serializers.IntegerField(source="version.number")
    actor = serializers.CharField(source="actor.full_name", allow_null=True, default=None)

    class Meta:
        model = Transition
        fields = ("version", "action", "from_state", "to_state", "actor", "comment", "created_at")


class AuthoringCourseDetailSerializer(AuthoringCourseSerializer):
    """A course with its history and the translation completeness of the working version."""

    history = serializers.SerializerMethodField()
    completeness = serializers.SerializerMethodField(
        help_text="Percentage of texts written, per language of the working (else latest) version."
    )

    is_own_work = serializers.SerializerMethodField(
        help_text="Whether I edited or submitted the working version: then I may not approve or "
        "publish it (separation of duties)."
    )

    class Meta(AuthoringCourseSerializer.Meta):
        fields = (*AuthoringCourseSerializer.Meta.fields, "history", "completeness", "is_own_work")

    @extend_schema_field(TransitionSerializer(many=True))
    def get_history(self, course: Course) -> list[dict[str, Any]]:
        transitions = Transition.objects.filter(version__course=course).select_related(
            "version", "actor"
        )
        return list(TransitionSerializer(transitions, many=True).data)

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField()))
    def get_completeness(self, course: Course) -> dict[str, int]:
        version = courses_api.working_version(course=course) or course.versions.first()
        return courses_api.translation_completeness(version=version) if version else {}

    def get_is_own_work(self, course: Course) -> bool:
        version = courses_api.working_version(course=course)
        user = self.context["request"].user
        return version is not None and courses_api.has_worked_on_version(user=user, version=version)


class TransitionInputSerializer(StrictSerializer):
    """A workflow action on the course's current version."""

    action = serializers.ChoiceField(choices=sorted(courses_api.TRANSITIONS))
    comment = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class ProblemSerializer(serializers.Serializer):
    """One problem found in a course package."""

    location = serializers.CharField()
    message = serializers.CharField()


class PackageErrorSerializer(serializers.Serializer):
    """A course package refused, with every problem found (`problems`), or a request refused
    before the package was read (`fields`, as in every other error)."""

    detail = serializers.CharField()
    code = serializers.CharField()
    problems = ProblemSerializer(many=True, required=False)
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


class ChangeSerializer(serializers.Serializer):
    """One item added, removed or changed between two versions."""

    change = serializers.ChoiceField(choices=["added", "removed", "changed"])
    item = serializers.ChoiceField(choices=["course", "module", "lesson", "question", "option"])
    key = serializers.CharField()
    title = serializers.CharField(help_text="In the course's primary language; empty for options.")
    fields = serializers.ListField(child=serializers.CharField())  # type: ignore[assignment]


class DiffSerializer(serializers.Serializer):
    """The differences of the working version against the published one (or the previous)."""

    from_version = serializers.IntegerField(allow_null=True)
    to_version = serializers.IntegerField()
    changes = ChangeSerializer(many=True)


class FileUploadSerializer(StrictSerializer):
    """A multipart upload with one `file` field."""

    file = serializers.FileField(allow_empty_file=False)


class ResourceSerializer(serializers.ModelSerializer[Resource]):
    """A stored file; reference it from a resource lesson by its `id`."""

    id = serializers.CharField(read_only=True)

    class Meta:
        model = Resource
        fields = ("id", "filename", "content_type", "size", "sha256", "created_at")
        read_only_fields = fields


class ReviewCommentQuerySerializer(StrictSerializer):
    """Filters of the review comments of a course."""

    version = serializers.IntegerField(
        required=False, min_value=1, max_value=999_999, help_text="Only this version's comments."
    )
    lesson = serializers.UUIDField(required=False, help_text="Only comments on this lesson.")
    is_resolved = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Only resolved, or only open."
    )
    lang = LanguageField(required=False)
    page = serializers.IntegerField(required=False, min_value=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100)


class ReviewCommentInputSerializer(StrictSerializer):
    """A new review comment: on a lesson (its key), or on the whole version when `lesson` is
    left out."""

    body = serializers.CharField(max_length=5000)
    lesson = serializers.UUIDField(required=False, allow_null=True, default=None)
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=999_999,
        help_text="Version number; default: the working version, else the latest.",
    )


class ReviewCommentUpdateSerializer(StrictSerializer):
    """Resolve a review comment, or open it again."""

    is_resolved = serializers.BooleanField()


class CommentAuthorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()


class ReviewCommentSerializer(serializers.ModelSerializer[ReviewComment]):
    """A review comment on a version, about one lesson (`lesson`) or the whole version (null)."""

    version = serializers.IntegerField(source="version.number", read_only=True)
    lesson = serializers.UUIDField(source="lesson_key", read_only=True, allow_null=True)
    lesson_title = serializers.SerializerMethodField()
    author = CommentAuthorSerializer(read_only=True, allow_null=True)
    resolved_by = CommentAuthorSerializer(read_only=True, allow_null=True)
    is_mine = serializers.SerializerMethodField()

    class Meta:
        model = ReviewComment
        fields = (
            "id",
            "version",
            "lesson",
            "lesson_title",
            "body",
            "author",
            "is_mine",
            "created_at",
            "is_resolved",
            "resolved_at",
            "resolved_by",
        )
        read_only_fields = fields

    def get_lesson_title(self, comment: ReviewComment) -> str | None:
        """The lesson's title in the version commented on (null for whole-version comments)."""
        if comment.lesson_key is None:
            return None
        titles: dict[tuple[int, str], str] = self.context.get("lesson_titles", {})
        return titles.get((comment.version_id, str(comment.lesson_key)))

    def get_is_mine(self, comment: ReviewComment) -> bool:
        return comment.author_id is not None and comment.author_id == self.context.get("user_id")


# --- the course package `icim-course/1` (courses/data/FORMAT.md): its shape, for the schema only;
# courses/packages.py validates it and reports every problem with its location.


def _by_language(texts: type[serializers.Serializer], what: str) -> serializers.DictField:
    return serializers.DictField(child=texts(), help_text=f"{what} by language code.")


def _codes(help_text: str) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), help_text=help_text)


_Key = serializers.UUIDField(
    required=False, help_text="Stable across versions; generated if left out."
)

PackageQuestionSerializer = document_shape(
    "PackageQuestion",
    "A quiz question: options for choice questions, `answer` for true/false and numeric ones, "
    "`accepted_answers` by language for short text.",
    {
        "key": _Key,
        "kind": serializers.ChoiceField(choices=Question.Kind.choices),
        "points": serializers.IntegerField(),
        "translations": _by_language(
            document_shape(
                "PackageQuestionTexts",
                "A question's prompt and explanation in one language.",
                {
                    "prompt": serializers.CharField(),
                    "explanation": serializers.CharField(required=False),
                },
            ),
            "Prompt and explanation",
        ),
        "options": document_shape(
            "PackageOption",
            "An option of a choice question.",
            {
                "key": _Key,
                "is_correct": serializers.BooleanField(),
                "translations": serializers.DictField(
                    child=serializers.CharField(), help_text="The option's text by language code."
                ),
            },
        )(many=True, required=False),
        "answer": serializers.JSONField(
            required=False, help_text="true/false, or a number for numeric questions."
        ),
        "tolerance": serializers.FloatField(required=False),
        "accepted_answers": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()), required=False
        ),
    },
)

PackageQuizSerializer = document_shape(
    "PackageQuiz",
    "The settings and questions of a quiz lesson.",
    {
        "pass_mark": serializers.IntegerField(),
        "attempts_allowed": serializers.IntegerField(),
        "time_limit_minutes": serializers.IntegerField(allow_null=True),
        "shuffle_questions": serializers.BooleanField(),
        "grading": serializers.ChoiceField(choices=CourseVersion.Grading.choices),
        "weight": serializers.IntegerField(),
        "reveal_answers": serializers.ChoiceField(choices=Quiz.Reveal.choices),
        "questions": PackageQuestionSerializer(many=True),
    },
)

PackageLessonSerializer = document_shape(
    "PackageLesson",
    "A lesson: text, video (`video_url`), resource (`resource`: an uploaded file's id) or "
    "quiz (`quiz`).",
    {
        "key": _Key,
        "kind": serializers.ChoiceField(choices=Lesson.Kind.choices),
        "is_required": serializers.BooleanField(),
        "duration_minutes": serializers.IntegerField(),
        "competencies": _codes("Codes from the course's competencies."),
        "video_url": serializers.URLField(required=False),
        "resource": serializers.CharField(required=False),
        "translations": _by_language(
            document_shape(
                "PackageLessonTexts",
                "A lesson's title, Markdown body and (videos) transcript in one language.",
                {
                    "title": serializers.CharField(),
                    "body": serializers.CharField(required=False),
                    "transcript": serializers.CharField(required=False),
                },
            ),
            "Title, body and transcript",
        ),
        "quiz": PackageQuizSerializer(required=False),
    },
)

PackageModuleSerializer = document_shape(
    "PackageModule",
    "A module of the course and its lessons, in order.",
    {
        "key": _Key,
        "translations": _by_language(
            document_shape(
                "PackageModuleTexts", "A module's title.", {"title": serializers.CharField()}
            ),
            "The title",
        ),
        "lessons": PackageLessonSerializer(many=True),
    },
)

CoursePackageSerializer = document_shape(
    "CoursePackage",
    "A course package `icim-course/1`: the import and export format and the authoring API's "
    "body (courses/data/FORMAT.md). Every text is given in every language of the course.",
    {
        "format": serializers.CharField(help_text="`icim-course/1`"),
        "course": document_shape(
            "PackageCourse",
            "The course, its settings and its content.",
            {
                "slug": serializers.SlugField(),
                "code": serializers.CharField(),
                "primary_language": serializers.CharField(),
                "languages": _codes("Language codes, the primary one first."),
                "level": serializers.ChoiceField(choices=Level.choices),
                "estimated_hours": serializers.IntegerField(),
                "institutions": _codes("Slugs of the owning institutions."),
                "prerequisites": _codes("Slugs of courses to complete first."),
                "competencies": _codes("Competency codes of the framework."),
                "certificate_validity_months": serializers.IntegerField(allow_null=True),
                "pass_mark": serializers.IntegerField(),
                "show_grade_on_certificate": serializers.BooleanField(),
                "translations": _by_language(
                    document_shape(
                        "PackageCourseTexts",
                        "A course's title, summary and Markdown description in one language.",
                        {
                            "title": serializers.CharField(),
                            "summary": serializers.CharField(),
                            "description": serializers.CharField(),
                        },
                    ),
                    "Title, summary and description",
                ),
                "modules": PackageModuleSerializer(many=True),
            },
        )(),
    },
)
