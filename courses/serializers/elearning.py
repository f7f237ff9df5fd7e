"""Shapes of e-learning packages (SCORM / cmi5) as authors see them: the report and refusals."""

from typing import Any

from rest_framework import serializers

from config.api import ErrorSerializer
from courses.models import ElearningPackage


class PackageProblemSerializer(serializers.Serializer[dict[str, Any]]):
    """A problem found in a package: refusing it, or (on an accepted one) a warning."""

    code = serializers.CharField(help_text="Stable, e.g. `missing_file`, `unsafe_path`.")
    message = serializers.CharField(help_text="In the request's language.")
    path = serializers.CharField(allow_null=True, help_text="The file it concerns, if one.")


class PackageItemSerializer(serializers.Serializer[dict[str, Any]]):
    """A SCO (SCORM) or AU (cmi5) of the package."""

    identifier = serializers.CharField()
    title = serializers.CharField()
    launch_path = serializers.CharField()
    mastery_score = serializers.FloatField(allow_null=True, help_text="Percent, 0..100.")
    move_on = serializers.CharField(allow_null=True, help_text="cmi5's moveOn; null for SCORM.")


class PackageReportSerializer(serializers.Serializer[dict[str, Any]]):
    """An uploaded package: what its manifest says, its problems, and how storing it goes."""

    id = serializers.UUIDField()
    state = serializers.ChoiceField(choices=ElearningPackage.State.choices)
    progress_percent = serializers.IntegerField(min_value=0, max_value=100)
    standard = serializers.ChoiceField(choices=ElearningPackage.Standard.choices)
    edition = serializers.CharField(help_text='SCORM 2004: "2nd", "3rd" or "4th"; else "".')
    title = serializers.CharField()
    launch_path = serializers.CharField()
    mastery_score = serializers.FloatField(allow_null=True, help_text="Percent, 0..100.")
    items = PackageItemSerializer(many=True)
    file_count = serializers.IntegerField()
    size = serializers.IntegerField(help_text="Bytes, unpacked.")
    problems = PackageProblemSerializer(many=True)
    uploaded_at = serializers.DateTimeField()


class PackageRefusalSerializer(ErrorSerializer):
    """The API's error; for a refused package (`code` `package_refused`), every blocking problem."""

    problems = PackageProblemSerializer(many=True, required=False)
