"""The course package `icim-course/1` (courses/data/FORMAT.md) as the authoring endpoints take and
give it, and the answer that refuses a package.

The package's serializers live behind the door (`courses.packages`): the same classes validate
every import and save, and document the bodies here as named components (`CoursePackage`,
`PackageCourse`, `PackageModule`, `PackageLesson` and its kinds, `PackageQuiz`,
`PackageQuestion`, `PackageOption`, the `...Texts`).
"""

from rest_framework import serializers

from courses import api as courses_api

CoursePackageSerializer = courses_api.packages.CoursePackageSerializer


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
