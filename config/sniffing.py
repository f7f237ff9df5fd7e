"""What a file's bytes are, as libmagic (python-magic over Debian's libmagic1) reads them: the one
way uploads are sniffed, never by the client's declared type or the name alone."""

import magic

__all__ = ["EMPTY", "PDF", "SNIFF_BYTES", "sniffed_type"]

# libmagic decides from the beginning of a file; Office files need their first zip entries.
SNIFF_BYTES = 64 * 1024
EMPTY = "application/x-empty"
PDF = "application/pdf"


def sniffed_type(head: bytes) -> str:
    """libmagic's MIME type for a file that begins with `head` (only its first SNIFF_BYTES are
    read), e.g. `application/pdf`; EMPTY for no bytes."""
    if not head:
        return EMPTY
    return magic.from_buffer(head[:SNIFF_BYTES], mime=True)
