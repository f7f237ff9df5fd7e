"""Reading a package file's bytes into JSON, with its size and nesting bounded first."""

import json
import re
from typing import Any

from courses.packages.schema import (
    MAX_PACKAGE_BYTES,
    MAX_PACKAGE_DEPTH,
    InvalidPackageError,
    Problem,
)

# A JSON string (skipped whole, so brackets inside texts do not count) or a bracket.
_STRING_OR_BRACKET = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def parse_package_json(content: bytes, *, location: str = "$") -> Any:
    """The JSON of a package file, or InvalidPackageError (at `location`) when it is larger than
    MAX_PACKAGE_BYTES, nests deeper than MAX_PACKAGE_DEPTH, or is not UTF-8 JSON. Size and depth
    are checked before parsing, so the parser never meets a hostile nesting."""
    if len(content) > MAX_PACKAGE_BYTES:
        raise InvalidPackageError(
            [Problem(location, f"is larger than {MAX_PACKAGE_BYTES // (1024 * 1024)} MB")]
        )
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(content):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > MAX_PACKAGE_DEPTH:
                raise InvalidPackageError(
                    [Problem(location, f"nests deeper than {MAX_PACKAGE_DEPTH} levels")]
                )
        elif token in (b"]", b"}"):
            depth -= 1
    try:
        return json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidPackageError([Problem(location, f"is not valid JSON: {error}")]) from error
