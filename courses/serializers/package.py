"""The course package `icim-course/1` (courses/data/FORMAT.md): its shape, for the schema only
(courses/packages validates it and reports every problem with its location), and the answer
that refuses a package."""

from rest_framework import serializers

from config.api import document_shape
from courses.models import CourseVersion, Lesson, Level, Question, Quiz


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
        "is_preview": serializers.BooleanField(
            required=False,
            help_text="Anyone, signed in or not, may open this lesson from the course page "
            "(default false).",
        ),
        "duration_minutes": serializers.IntegerField(),
        "competencies": _codes("Codes from the course's competencies."),
        "video_url": serializers.URLField(required=False),
        "video_completion": serializers.ChoiceField(
            choices=Lesson.VideoCompletion.choices,
            required=False,
            help_text="Videos: `watched_or_transcript` (default: watching "
            "`video_watched_percent` of the length, or reading the transcript, completes the "
            "lesson) or `watched` (only watching does).",
        ),
        "video_watched_percent": serializers.IntegerField(
            required=False,
            min_value=1,
            max_value=100,
            help_text="Videos: the share of the length to watch, in percent (default 90).",
        ),
        "resource": serializers.CharField(required=False),
        "translations": _by_language(
            document_shape(
                "PackageLessonTexts",
                "A lesson's title, Markdown body and (videos) transcript and captions in one "
                "language.",
                {
                    "title": serializers.CharField(),
                    "body": serializers.CharField(required=False),
                    "transcript": serializers.CharField(required=False),
                    "captions": serializers.CharField(
                        required=False,
                        help_text="WebVTT, checked line by line.",
                    ),
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
