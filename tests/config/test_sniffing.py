"""The one way uploads are sniffed: libmagic's MIME type of a file's first bytes."""

import io
from typing import Any

import pytest
from PIL import Image

from config import sniffing


def _png() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(output, format="PNG")
    return output.getvalue()


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", sniffing.EMPTY),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n", sniffing.PDF),
        (_png(), "image/png"),
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "text/html"),
        (b"GIF89a" + b"\0" * 30, "image/gif"),
    ],
)
def test_the_type_is_what_libmagic_finds_in_the_bytes(head: bytes, expected: str) -> None:
    assert sniffing.sniffed_type(head) == expected


def test_only_the_first_sniff_bytes_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []

    def from_buffer(buffer: bytes, **kwargs: Any) -> str:
        seen.append(len(buffer))
        return "text/plain"

    monkeypatch.setattr(sniffing.magic, "from_buffer", from_buffer)

    sniffing.sniffed_type(b"x" * (sniffing.SNIFF_BYTES + 1))

    assert seen == [sniffing.SNIFF_BYTES]
