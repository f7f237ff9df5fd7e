"""Records nested in a certificate wherever it is shown: its institutions and competencies."""

from typing import Any

from django.utils import translation
from rest_framework import serializers

from courses import api as courses_api


class InstitutionRecordSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    country = serializers.CharField()


class CompetencyRecordSerializer(serializers.Serializer):
    """A competency the certificate attests: `name` in the request's language where the
    framework has it (else English), else as recorded when the certificate was issued (the
    certificate itself keeps the names in its own language)."""

    code = serializers.CharField()
    name = serializers.CharField()
    _names: dict[str, str] | None = None

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = dict(super().to_representation(instance))
        # One lookup per response: a list's rows share this bound field.
        if self._names is None:
            self._names = courses_api.competency_names(language=translation.get_language())
        data["name"] = self._names.get(data["code"]) or data["name"]
        return data
