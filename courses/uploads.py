"""Which files a resource lesson may offer: an allow-list where the name and the bytes agree.

Pure: bytes and a name in, a verdict out. The content is sniffed by libmagic (`config.sniffing`),
never taken from the client's declared type or from the name alone: a file
named `polyglot.html` that starts with `%PDF-1.4` and goes on with `<script>` is refused because
`.html` is not on the list, and `notes.txt` holding HTML because libmagic sees `text/html`.
Accepted files are stored under a name the server chooses (a random hex name with the type's
own extension), so no stored path ever carries an uploader's name or extension.
"""

import uuid
from dataclasses import dataclass
from pathlib import PurePosixPath

from config.sniffing import SNIFF_BYTES, sniffed_type

__all__ = ["ACCEPTED_TYPES", "SNIFF_BYTES", "AcceptedType", "accepted_type", "stored_name"]


@dataclass(frozen=True)
class AcceptedType:
    """An accepted kind of file: the type it is served as, the extension it is stored under,
    what libmagic may call its bytes, and whether a browser may show it in the page (only
    images, which cannot run script; everything else is downloaded as an attachment)."""

    content_type: str
    extension: str
    sniffed_as: frozenset[str]
    is_inline: bool = False


_OOXML = "application/vnd.openxmlformats-officedocument"
_PDF = AcceptedType("application/pdf", ".pdf", frozenset({"application/pdf"}))
_PNG = AcceptedType("image/png", ".png", frozenset({"image/png"}), is_inline=True)
_JPEG = AcceptedType("image/jpeg", ".jpg", frozenset({"image/jpeg"}), is_inline=True)
_TEXT = AcceptedType("text/plain", ".txt", frozenset({"text/plain"}))
# libmagic calls short or simple CSV text/plain.
_CSV = AcceptedType("text/csv", ".csv", frozenset({"text/csv", "text/plain"}))
# libmagic names an Office file by its first zip entries; files written by other tools (their
# [Content_Types].xml not first) it calls a plain zip, which is no more able to run script.
_DOCX = AcceptedType(
    f"{_OOXML}.wordprocessingml.document",
    ".docx",
    frozenset({f"{_OOXML}.wordprocessingml.document", "application/zip"}),
)
_XLSX = AcceptedType(
    f"{_OOXML}.spreadsheetml.sheet",
    ".xlsx",
    frozenset({f"{_OOXML}.spreadsheetml.sheet", "application/zip"}),
)
_PPTX = AcceptedType(
    f"{_OOXML}.presentationml.presentation",
    ".pptx",
    frozenset({f"{_OOXML}.presentationml.presentation", "application/zip"}),
)

# By the extension of the uploaded name (lower case). Anything else is refused.
ACCEPTED_TYPES: dict[str, AcceptedType] = {
    ".pdf": _PDF,
    ".png": _PNG,
    ".jpg": _JPEG,
    ".jpeg": _JPEG,
    ".txt": _TEXT,
    ".md": _TEXT,
    ".csv": _CSV,
    ".docx": _DOCX,
    ".xlsx": _XLSX,
    ".pptx": _PPTX,
}


def accepted_type(head: bytes, filename: str) -> AcceptedType | None:
    """The accepted type of a file whose name is `filename` and which begins with `head` (at
    least its first SNIFF_BYTES), or None when the extension is not on the list or libmagic
    finds the bytes to be something else."""
    candidate = ACCEPTED_TYPES.get(PurePosixPath(filename).suffix.lower())
    if candidate is None:
        return None
    return candidate if sniffed_type(head) in candidate.sniffed_as else None


def stored_name(accepted: AcceptedType) -> str:
    """A fresh storage name chosen by the server, with the type's own extension."""
    return f"{uuid.uuid4().hex}{accepted.extension}"
