"""Input and output shapes of the best-practice library."""

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api import StrictSerializer
from config.languages import LanguageField
from courses import api as courses_api
from practices import api as practices_api
from practices.models import CaseStudy, CaseStudyAttachment

# Longest text of one field in one language: a case study is a few pages, not a book.
MAX_TEXT_LENGTH = 20_000


class CaseStudyTextsSerializer(StrictSerializer):
    """The texts of a case study in one language (Markdown for problem, solution, results)."""

    title = serializers.CharField(max_length=300, allow_blank=True, required=False)
    summary = serializers.CharField(max_length=1000, allow_blank=True, required=False)
    problem = serializers.CharField(max_length=MAX_TEXT_LENGTH, allow_blank=True, required=False)
    solution = serializers.CharField(max_length=MAX_TEXT_LENGTH, allow_blank=True, required=False)
    results = serializers.CharField(max_length=MAX_TEXT_LENGTH, allow_blank=True, required=False)


class CaseStudyInputSerializer(StrictSerializer):
    """A case study as authors write it; the primary language needs a title, problem, solution
    and results, other languages may be partial (the primary language fills the gaps)."""

    primary_language = LanguageField()
    languages = serializers.ListField(child=LanguageField(), min_length=1, max_length=4)
    translations = serializers.DictField(child=CaseStudyTextsSerializer())
    sector = serializers.ChoiceField(choices=CaseStudy.Sector.choices)
    country = CountryField()
    standards = serializers.ListField(
        child=serializers.CharField(max_length=40), max_length=20, default=list
    )
    competencies = serializers.ListField(
        child=serializers.CharField(max_length=20), max_length=20, default=list
    )
    linked_courses = serializers.ListField(
        child=serializers.SlugField(max_length=80), max_length=20, default=list
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        primary, languages = attrs["primary_language"], list(dict.fromkeys(attrs["languages"]))
        if primary not in languages:
            raise serializers.ValidationError(
                {"languages": [_("The languages must include the primary language.")]}
            )
        translations = attrs["translations"]
        stray = sorted(set(translations) - set(languages))
        known = {code for code, _name in settings.LANGUAGES}
        if stray or not set(translations) <= known:
            raise serializers.ValidationError(
                {"translations": [_("Texts in a language not listed: %s.") % ", ".join(stray)]}
            )
        texts = translations.get(primary) or {}
        missing = [
            name
            for name in ("title", "problem", "solution", "results")
            if not str(texts.get(name, "")).strip()
        ]
        if missing:
            raise serializers.ValidationError(
                {
                    "translations": [
                        _("The primary language needs: %s.") % ", ".join(missing),
                    ]
                }
            )
        attrs["languages"] = [primary, *(code for code in languages if code != primary)]
        return attrs


class CreateCaseStudySerializer(CaseStudyInputSerializer):
    slug = serializers.SlugField(max_length=80)
    organization = serializers.SlugField(
        max_length=80, help_text="Slug of the publishing organisation (you are its author)."
    )


class CaseStudyTransitionInputSerializer(StrictSerializer):
    action = serializers.ChoiceField(choices=list(practices_api.TRANSITIONS))
    comment = serializers.CharField(max_length=5000, allow_blank=True, default="")


class PublisherSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    country = serializers.CharField()


class LinkedCourseSerializer(serializers.Serializer):
    """A linked course; `is_available` false when it was archived after it was linked."""

    slug = serializers.CharField()
    title = serializers.CharField()
    is_available = serializers.BooleanField()


class CaseStudyAttachmentSerializer(serializers.ModelSerializer[CaseStudyAttachment]):
    url = serializers.SerializerMethodField()

    class Meta:
        model = CaseStudyAttachment
        fields = ("id", "filename", "content_type", "size", "url")

    def get_url(self, attachment: CaseStudyAttachment) -> str:
        return str(attachment.file.url)


class CaseStudyTransitionSerializer(serializers.Serializer):
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    actor = serializers.CharField(source="actor.full_name", allow_null=True, default=None)
    comment = serializers.CharField()
    created_at = serializers.DateTimeField()


def _language(serializer: serializers.BaseSerializer[Any]) -> str:
    return str(serializer.context["language"])


class CaseStudyListItemSerializer(serializers.ModelSerializer[CaseStudy]):
    """A published case study in a list, in the reader's language where written."""

    primary_language = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    sector = serializers.ChoiceField(choices=CaseStudy.Sector.choices)
    title = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    served_language = serializers.SerializerMethodField()
    organization = PublisherSerializer()
    country = serializers.CharField(source="country.code")
    standards = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        slug_field="code", many=True, read_only=True
    )
    competencies = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = CaseStudy
        fields: tuple[str, ...] = (
            "slug",
            "title",
            "summary",
            "served_language",
            "primary_language",
            "languages",
            "organization",
            "sector",
            "country",
            "standards",
            "competencies",
            "published_at",
        )

    def get_title(self, case_study: CaseStudy) -> str:
        return practices_api.case_study_texts(case_study, _language(self))["title"]

    def get_summary(self, case_study: CaseStudy) -> str:
        return practices_api.case_study_texts(case_study, _language(self))["summary"]

    def get_served_language(self, case_study: CaseStudy) -> str:
        return practices_api.served_language(case_study, _language(self))


class CaseStudyDetailSerializer(CaseStudyListItemSerializer):
    """A published case study's page: its texts as sanitised HTML, links and attachments."""

    problem_html = serializers.SerializerMethodField()
    solution_html = serializers.SerializerMethodField()
    results_html = serializers.SerializerMethodField()
    linked_courses = serializers.SerializerMethodField()
    attachments = CaseStudyAttachmentSerializer(many=True)

    class Meta(CaseStudyListItemSerializer.Meta):
        fields = (
            *CaseStudyListItemSerializer.Meta.fields,
            "problem_html",
            "solution_html",
            "results_html",
            "linked_courses",
            "attachments",
        )

    def _html(self, case_study: CaseStudy, name: str) -> str:
        text = practices_api.case_study_texts(case_study, _language(self))[name]
        return courses_api.render_markdown(text)

    def get_problem_html(self, case_study: CaseStudy) -> str:
        return self._html(case_study, "problem")

    def get_solution_html(self, case_study: CaseStudy) -> str:
        return self._html(case_study, "solution")

    def get_results_html(self, case_study: CaseStudy) -> str:
        return self._html(case_study, "results")

    @extend_schema_field(LinkedCourseSerializer(many=True))
    def get_linked_courses(self, case_study: CaseStudy) -> list[dict[str, Any]]:
        return practices_api.linked_course_rows(case_study, _language(self))


class AuthoringCaseStudySerializer(serializers.ModelSerializer[CaseStudy]):
    """A case study as its organisation's staff edit and review it: every language's texts."""

    state = serializers.ChoiceField(choices=CaseStudy.State.choices)
    primary_language = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    sector = serializers.ChoiceField(choices=CaseStudy.Sector.choices)
    organization = PublisherSerializer()
    country = serializers.CharField(source="country.code")
    standards = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        slug_field="code", many=True, read_only=True
    )
    competencies = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        slug_field="code", many=True, read_only=True
    )
    linked_courses = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        slug_field="slug", many=True, read_only=True
    )
    translations = serializers.DictField(child=CaseStudyTextsSerializer())
    attachments = CaseStudyAttachmentSerializer(many=True)
    transitions = CaseStudyTransitionSerializer(many=True)
    title = serializers.SerializerMethodField()
    # The review actions the requesting user may take now (context["allowed_actions"]).
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = CaseStudy
        fields = (
            "slug",
            "title",
            "state",
            "allowed_actions",
            "organization",
            "primary_language",
            "languages",
            "translations",
            "sector",
            "country",
            "standards",
            "competencies",
            "linked_courses",
            "attachments",
            "transitions",
            "published_at",
            "updated_at",
        )

    def get_title(self, case_study: CaseStudy) -> str:
        return str(
            (case_study.translations.get(case_study.primary_language) or {}).get("title", "")
        )

    @extend_schema_field(
        serializers.ListField(
            child=serializers.ChoiceField(choices=list(practices_api.TRANSITIONS))
        )
    )
    def get_allowed_actions(self, case_study: CaseStudy) -> list[str]:
        return list(self.context.get("allowed_actions", []))


class AuthoringListItemSerializer(serializers.ModelSerializer[CaseStudy]):
    state = serializers.ChoiceField(choices=CaseStudy.State.choices)
    organization = serializers.CharField(source="organization.name")
    title = serializers.SerializerMethodField()

    class Meta:
        model = CaseStudy
        fields = ("slug", "title", "state", "organization", "updated_at")

    def get_title(self, case_study: CaseStudy) -> str:
        return str(
            (case_study.translations.get(case_study.primary_language) or {}).get("title", "")
        )
