"""Reading a PDF from an upload within byte limits, and the credential embedded in it. Never
raises on a damaged or hostile file: what cannot be read is None, or a decode-limit error for
the caller to report."""

from __future__ import annotations

import io
import zlib
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.decode_limits import (
    DEFAULT_PURPOSE_LIMITS,
    DecodeLimits,
    DecodePurpose,
    DocumentDecodeBudget,
    StreamDecodeLimits,
)
from pyhanko.pdf_utils.misc import PdfDecodeLimitError, PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

from certificates.rendering import CREDENTIAL_FILENAME
from certificates.sealing.report import DECODE_LIMIT_EXCEEDED

_MiB = 1024 * 1024
# Decoding limits for PDFs read from uploads (README, Security). A compressed stream of a few
# hundred kilobytes can inflate to hundreds of megabytes (one Deflate layer alone reaches about
# 1000:1), and pyHanko's own default lets a single stream reach 256 MiB. Every stream is decoded
# incrementally and abandoned at its cap, so memory stays bounded whatever the file claims.
# The credential (a stream read with no more specific purpose) is a few kilobytes when we issue it.
CREDENTIAL_MAX_BYTES = 1 * _MiB
# Any other stream: cross-reference and object streams, XMP metadata, certificates in a DSS.
STREAM_DECODED_MAX_BYTES = 8 * _MiB
# All decoding done for one file together, counting a stream read again for an earlier revision.
DOCUMENT_DECODED_MAX_BYTES = 32 * _MiB
UPLOAD_DECODE_LIMITS = DecodeLimits(
    per_stream=StreamDecodeLimits(max_output_size=STREAM_DECODED_MAX_BYTES),
    per_purpose={
        **DEFAULT_PURPOSE_LIMITS,
        DecodePurpose.GENERIC: StreamDecodeLimits(
            max_ratio=None, max_output_size=CREDENTIAL_MAX_BYTES
        ),
    },
    document_budget=DocumentDecodeBudget(base_allowance=DOCUMENT_DECODED_MAX_BYTES, max_ratio=0),
)

# A PDF header may follow up to 1 KiB of junk (ISO 32000-1, implementation note 13).
_HEADER_WINDOW = 1024

# What parsing a hostile or damaged file can raise: pyHanko's own PDF errors, and ValueError,
# which pyHanko (CMS structure, signature validation) and asn1crypto raise for malformed data.
# KeyError/TypeError/IndexError come from a well-formed object of an unexpected shape (a /Names
# that is not a dictionary, a /ByteRange of strings); RecursionError from reference loops;
# zlib.error from a corrupt compressed stream, which pyHanko lets through; AttributeError from
# pyHanko's cross-reference reader when a damaged table points at a dictionary where it expects
# a stream (found by tests/certificates/test_sealing.py's random corruption); NotImplementedError
# for a stream filter pyHanko does not decode (a damaged or exotic /Filter name); AssertionError
# because pyHanko asserts that an object stream is a stream (without -O; with it, the
# AttributeError above follows); ArithmeticError (decimal.InvalidOperation) for a malformed
# number.
MALFORMED = (
    ArithmeticError,
    AssertionError,
    NotImplementedError,
    PdfError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    RecursionError,
    zlib.error,
)


def extract_credential(pdf: bytes) -> bytes | None:
    """The bytes of the embedded file `credential.json` in the PDF as a reader sees it (its
    latest revision), or None when there is none or the file cannot be read. Never raises.

    This says nothing about authenticity: believe it only when `inspect_seal` finds the seal
    valid (it then equals `SealReport.sealed_credential`).
    """
    reader = _reader(pdf)
    if reader is None:
        return None
    try:
        return credential_in(reader.root)
    except (PdfDecodeLimitError, *MALFORMED):
        return None


def _reader(pdf: bytes) -> PdfFileReader | None:
    if not looks_like_pdf(pdf):
        return None
    try:
        return PdfFileReader(io.BytesIO(pdf), strict=False, decode_limits=UPLOAD_DECODE_LIMITS)
    except MALFORMED:
        return None


def looks_like_pdf(pdf: object) -> bool:
    return isinstance(pdf, bytes) and b"%PDF-" in pdf[:_HEADER_WINDOW]


def credential_in(root: generic.DictionaryObject) -> bytes | None:
    """The credential file's decoded bytes, found in the catalog's EmbeddedFiles name tree."""
    names = resolved(root, "/Names")
    if not isinstance(names, generic.DictionaryObject):
        return None
    tree = resolved(names, "/EmbeddedFiles")
    if not isinstance(tree, generic.DictionaryObject):
        return None
    for name, file_specification in _name_tree_entries(tree, depth=0):
        if not isinstance(file_specification, generic.DictionaryObject):
            continue
        if CREDENTIAL_FILENAME not in {
            _text(name),
            _text(resolved(file_specification, "/UF")),
            _text(resolved(file_specification, "/F")),
        }:
            continue
        embedded_files = resolved(file_specification, "/EF")
        if not isinstance(embedded_files, generic.DictionaryObject):
            continue
        stream = resolved(embedded_files, "/UF") or resolved(embedded_files, "/F")
        if isinstance(stream, generic.StreamObject):
            credential = bytes(stream.data)
            # The decoders stop at the cap; a stream stored without a filter is checked here.
            if len(credential) > CREDENTIAL_MAX_BYTES:
                raise PdfDecodeLimitError(DECODE_LIMIT_EXCEEDED)
            return credential
    return None


# A name tree is balanced and shallow; anything deeper than this is hostile.
_MAXIMUM_NAME_TREE_DEPTH = 16


def _name_tree_entries(node: generic.DictionaryObject, *, depth: int) -> list[tuple[Any, Any]]:
    """The (name, value) pairs of a name tree (ISO 32000-1, 7.9.6), leaves and kids alike."""
    if depth > _MAXIMUM_NAME_TREE_DEPTH:
        return []
    entries: list[tuple[Any, Any]] = []
    leaf = resolved(node, "/Names")
    if isinstance(leaf, generic.ArrayObject):
        # Indexing resolves indirect references; iterating or slicing an ArrayObject does not.
        entries.extend((leaf[index], leaf[index + 1]) for index in range(0, len(leaf) - 1, 2))
    kids = resolved(node, "/Kids")
    if isinstance(kids, generic.ArrayObject):
        for index in range(len(kids)):
            kid = kids[index]
            if isinstance(kid, generic.DictionaryObject):
                entries.extend(_name_tree_entries(kid, depth=depth + 1))
    return entries


def resolved(dictionary: Any, key: str) -> Any:
    """The value under `key`, indirect references resolved (`.get` would return them raw)."""
    if key not in dictionary:
        return None
    return dictionary[key]


def _text(value: object) -> str | None:
    if isinstance(value, generic.TextStringObject):
        return str(value)
    if isinstance(value, generic.ByteStringObject):
        return bytes(value).decode("latin-1")
    return None
