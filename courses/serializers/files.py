"""Shapes of uploaded files: the multipart upload and the stored resource."""

from rest_framework import serializers

from config.api import StrictSerializer
from courses.models import Resource


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
