"""State, activity profile and agent profile documents, with ETag concurrency."""

import hashlib
import json
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from lrs.models import Document

__all__ = [
    "PreconditionError",
    "delete_documents",
    "document_ids",
    "find_document",
    "save_document",
]


class PreconditionError(Exception):
    """If-Match / If-None-Match failed (412), or a profile write named neither (409)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _scope(organization_id: int, kind: str, **keys: str) -> QuerySet[Document]:
    return Document.objects.filter(organization_id=organization_id, kind=kind, **keys)


def find_document(
    *, organization_id: int, kind: str, document_id: str, **keys: str
) -> Document | None:
    """The document, or None."""
    return _scope(organization_id, kind, **keys).filter(document_id=document_id).first()


def document_ids(
    *, organization_id: int, kind: str, since: datetime | None, **keys: str
) -> list[str]:
    """The ids of the documents in scope, optionally only those updated after `since`."""
    rows = _scope(organization_id, kind, **keys)
    if since is not None:
        rows = rows.filter(updated__gt=since)
    return list(rows.order_by("updated", "id").values_list("document_id", flat=True))


def _is_json(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() == "application/json"


def _check(document: Document | None, if_match: str | None, if_none_match: str | None) -> None:
    if if_match is not None:
        tags = {tag.strip().strip('"') for tag in if_match.split(",")}
        if document is None or ("*" not in tags and document.etag not in tags):
            raise PreconditionError(412, "If-Match does not match the document's ETag")
    if if_none_match is not None:
        tags = {tag.strip().strip('"') for tag in if_none_match.split(",")}
        if document is not None and ("*" in tags or document.etag in tags):
            raise PreconditionError(412, "If-None-Match: the document exists")


def save_document(
    *,
    organization_id: int,
    kind: str,
    document_id: str,
    content: bytes,
    content_type: str,
    merge: bool,
    if_match: str | None,
    if_none_match: str | None,
    require_precondition: bool,
    **keys: str,
) -> Document:
    """Create or replace the document (PUT), or merge JSON objects into it (POST).

    Raises PreconditionError on a failed If-Match / If-None-Match, or (when `require_precondition`)
    if it exists and neither was sent; ValueError when a merge is not of two JSON objects.
    """
    with transaction.atomic():
        document = (
            _scope(organization_id, kind, **keys)
            .select_for_update()
            .filter(document_id=document_id)
            .first()
        )
        _check(document, if_match, if_none_match)
        if require_precondition and if_match is None and if_none_match is None:
            # The spec's 409 for an existing document; ADL's conformance suite also refuses
            # (400) a new profile put without either header.
            if document is not None:
                raise PreconditionError(409, "The document exists: send If-Match or If-None-Match")
            raise PreconditionError(400, "Send If-Match or If-None-Match with a profile PUT")
        if merge and document is not None:
            if not (_is_json(content_type) and _is_json(document.content_type)):
                raise ValueError("Only JSON documents can be merged")
            try:
                old: Any = json.loads(bytes(document.content))
                new: Any = json.loads(content)
            except ValueError as error:
                raise ValueError("Only JSON objects can be merged") from error
            if not isinstance(old, dict) or not isinstance(new, dict):
                raise ValueError("Only JSON objects can be merged")
            content = json.dumps({**old, **new}).encode()
        elif merge and _is_json(content_type):
            try:
                parsed = json.loads(content)
            except ValueError as error:
                raise ValueError("The document is not valid JSON") from error
            if not isinstance(parsed, dict):
                raise ValueError("Only JSON objects can be merged")
        if document is None:
            document = Document(
                organization_id=organization_id, kind=kind, document_id=document_id, **keys
            )
        document.content = content
        document.content_type = content_type
        document.etag = hashlib.sha1(content, usedforsecurity=False).hexdigest()
        document.updated = timezone.now()
        document.save()
    return document


def delete_documents(
    *,
    organization_id: int,
    kind: str,
    document_id: str | None,
    if_match: str | None,
    **keys: str,
) -> None:
    """Delete one document (checking If-Match), or all in scope when `document_id` is None."""
    rows = _scope(organization_id, kind, **keys)
    if document_id is None:
        rows.delete()
        return
    with transaction.atomic():
        document = rows.select_for_update().filter(document_id=document_id).first()
        if if_match is not None:
            _check(document, if_match, None)
        if document is not None:
            document.delete()
