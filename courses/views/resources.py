"""Uploading the files that resource lessons offer."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import api as courses_api
from courses.serializers.files import FileUploadSerializer, ResourceSerializer
from courses.views.common import UPLOAD_REFUSED, request_user, upload_refusals


class CourseResourceView(APIView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["authoring"],
        summary="Upload a file for a resource lesson (PDF, images, text, CSV, Office)",
        request={"multipart/form-data": FileUploadSerializer},
        responses={201: ResourceSerializer, **UPLOAD_REFUSED},
    )
    def post(self, request: Request, slug: str) -> Response:
        serializer = FileUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with upload_refusals():
            resource = courses_api.upload_resource(
                user=request_user(request), slug=slug, file=serializer.validated_data["file"]
            )
        return Response(ResourceSerializer(resource).data, status=status.HTTP_201_CREATED)
