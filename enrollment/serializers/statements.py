"""The learning-record export: its filters, and xAPI 1.0.3 statements (camelCase keys) with
their shapes named for the schema."""

from typing import Any

from rest_framework import serializers

from config.api import StrictSerializer, document_shape, paginated


class StatementQuerySerializer(StrictSerializer):
    """Filters of the learning-record export."""

    since = serializers.DateTimeField(required=False)
    until = serializers.DateTimeField(required=False)
    course = serializers.SlugField(required=False, help_text="Staff: a course of my institution.")
    page = serializers.IntegerField(required=False, min_value=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100)


class StatementSerializer(serializers.Serializer):
    """An xAPI 1.0.3 statement, as stored."""

    def to_representation(self, instance: Any) -> Any:
        return instance.statement


_LanguageMap = serializers.DictField(
    child=serializers.CharField(), help_text="Texts by language tag."
)


XapiActivitySerializer = document_shape(
    "XapiActivity",
    "A course or a lesson, identified by its URL.",
    {
        "objectType": serializers.CharField(help_text="`Activity`"),
        "id": serializers.URLField(),
        "definition": document_shape(
            "XapiActivityDefinition",
            "What the activity is and its name.",
            {"type": serializers.URLField(), "name": _LanguageMap},
        )(),
    },
)


XapiStatementSerializer = document_shape(
    "XapiStatement",
    "An xAPI 1.0.3 statement about a learner (an account on the platform, never an e-mail).",
    {
        "id": serializers.UUIDField(),
        "version": serializers.CharField(help_text="`1.0.3`"),
        "actor": document_shape(
            "XapiAgent",
            "The learner as an account on the platform.",
            {
                "objectType": serializers.CharField(help_text="`Agent`"),
                "account": document_shape(
                    "XapiAccount",
                    "An account: the platform's address and the learner's id there.",
                    {"homePage": serializers.URLField(), "name": serializers.CharField()},
                )(),
            },
        )(),
        "verb": document_shape(
            "XapiVerb", "What happened.", {"id": serializers.URLField(), "display": _LanguageMap}
        )(),
        "object": XapiActivitySerializer(),
        "result": document_shape(
            "XapiResult",
            "Score, success, completion and progress, where they apply.",
            {
                "score": document_shape(
                    "XapiScore",
                    "A score out of 100, also scaled to 0..1.",
                    {
                        "scaled": serializers.FloatField(),
                        "raw": serializers.FloatField(),
                        "min": serializers.IntegerField(),
                        "max": serializers.IntegerField(),
                    },
                )(required=False),
                "success": serializers.BooleanField(required=False),
                "completion": serializers.BooleanField(required=False),
                "extensions": serializers.DictField(
                    required=False, help_text="Progress in percent, by extension IRI."
                ),
            },
        )(required=False),
        "context": document_shape(
            "XapiContext",
            "The enrollment (`registration`), the language and, for a lesson, its course.",
            {
                "registration": serializers.UUIDField(),
                "language": serializers.CharField(),
                "contextActivities": document_shape(
                    "XapiContextActivities",
                    "The course a lesson belongs to.",
                    {"parent": XapiActivitySerializer(many=True)},
                )(required=False),
            },
        )(),
        "timestamp": serializers.DateTimeField(),
    },
)


XapiStatementPageSerializer = paginated(XapiStatementSerializer, name="PaginatedXapiStatementList")
