"""WebVTT captions: checked line by line wherever they enter (package saves and imports, the upload
check), made safe to serve, and read as plain text for transcripts and search.

webvtt-py parses each cue block and its timestamps; this module walks the file itself so that every
problem names its line. The rules, beyond the WebVTT syntax:

- the file starts with a `WEBVTT` line, and an empty line separates the header from the first cue;
- each cue has a timing line `start --> end` (hh:mm:ss.ttt or mm:ss.ttt, minutes and seconds < 60);
- a cue ends after it starts (end <= start is an error: such a cue never shows);
- cues come in order of start time (a cue starting before the one above it is an error: WebVTT
  requires it and players skip or misplace such cues);
- cues may OVERLAP (legal WebVTT: two speakers at once, or a sound label during speech);
- where the video's measured length is known (the upload check), a cue that starts after the
  video's end is an error: it could never show. A cue that runs past the end is accepted (the
  player stops showing it at the end), since measured lengths are rounded.

No database here: pure functions on text.
"""

import html
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy
from webvtt import vtt
from webvtt.errors import MalformedCaptionError
from webvtt.models import Timestamp

__all__ = [
    "CaptionProblem",
    "captions_plain_text",
    "check_captions",
    "safe_captions",
]

# At most this many problems are reported for one file: enough to fix it in a few passes.
MAX_PROBLEMS = 20

CAPTIONS_BAD_HEADER = gettext_lazy("Line %(line)d: a WebVTT file starts with the line WEBVTT.")
CAPTIONS_HEADER_NOT_CLOSED = gettext_lazy(
    "Line %(line)d: leave an empty line between the WEBVTT header and the first cue."
)
CAPTIONS_NO_TIMING = gettext_lazy(
    "Line %(line)d: a cue needs timings such as 00:00:01.000 --> 00:00:04.000."
)
CAPTIONS_BAD_TIMING = gettext_lazy(
    "Line %(line)d: the cue timings are not valid. Write them as 00:00:01.000 --> 00:00:04.000 "
    "(minutes and seconds below 60, three digits of milliseconds)."
)
CAPTIONS_END_NOT_AFTER_START = gettext_lazy(
    "Line %(line)d: the cue ends at %(end)s, which is not after its start at %(start)s."
)
CAPTIONS_OUT_OF_ORDER = gettext_lazy(
    "Line %(line)d: the cue starts at %(start)s, before the cue on line %(previous_line)d "
    "(%(previous_start)s). Cues must be in order of their start time."
)
CAPTIONS_ARROW_IN_TEXT = gettext_lazy(
    'Line %(line)d: cue text may not contain "-->". Is an empty line missing before this cue?'
)
CAPTIONS_BEYOND_VIDEO = gettext_lazy(
    "Line %(line)d: the cue starts at %(start)s, after the end of the video (%(length)s)."
)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_TIMING_LINE = re.compile(r"^[ \t]*(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+.*)?$")
_TIMESTAMP = re.compile(r"^(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}$")
# A tag in cue text; what is not a tag of WebVTT's own is escaped before serving.
_TAG = re.compile(r"<[^<>]*>")
_CUE_TAG = re.compile(
    r"^</?(?:b|i|u|c|v|lang|ruby|rt)(?:\.[^\s<>.]+)*(?:[ \t][^<>]*)?>$"
    r"|^<(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}>$"
)


@dataclass(frozen=True)
class CaptionProblem:
    """One problem of a captions file: its line (1-based) and the message, translated."""

    line: int
    message: str


@dataclass(frozen=True)
class _Cue:
    timing_line: int
    start: float
    end: float
    start_text: str
    payload: list[str]


def _lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text.removeprefix("\ufeff"))


def _seconds(value: str) -> float | None:
    if not _TIMESTAMP.match(value):
        return None
    try:
        stamp = Timestamp.from_string(value)
    except MalformedCaptionError:
        return None
    return stamp.in_seconds() + stamp.milliseconds / 1000


def _clock(seconds: float) -> str:
    milliseconds = round(seconds * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """The blocks after the header, each with the line number of its first line."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not current:
                first = number
            current.append(line)
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks


def _parse(text: str) -> tuple[list[_Cue], list[CaptionProblem]]:
    lines = _lines(text)
    problems: list[CaptionProblem] = []
    if not _HEADER.match(lines[0]):
        return [], [CaptionProblem(1, str(CAPTIONS_BAD_HEADER) % {"line": 1})]
    blocks = _blocks(lines)
    header_start, header = blocks[0]
    if header_start != 1:  # the header is the first block; it starts on line 1
        return [], [CaptionProblem(1, str(CAPTIONS_BAD_HEADER) % {"line": 1})]
    for offset, line in enumerate(header[1:], 2):
        if "-->" in line:
            problems.append(
                CaptionProblem(offset, str(CAPTIONS_HEADER_NOT_CLOSED) % {"line": offset})
            )
            break
    cues: list[_Cue] = []
    for first, block in blocks[1:]:
        if re.match(r"^(?:NOTE(?:[ \t]|$)|STYLE$|REGION$)", block[0]) and "-->" not in block[0]:
            continue
        timing_index = 0 if "-->" in block[0] else 1 if len(block) > 1 and "-->" in block[1] else -1
        if timing_index < 0:
            problems.append(CaptionProblem(first, str(CAPTIONS_NO_TIMING) % {"line": first}))
            continue
        timing_line = first + timing_index
        for offset, line in enumerate(block[timing_index + 1 :], timing_line + 1):
            if "-->" in line:
                problems.append(
                    CaptionProblem(offset, str(CAPTIONS_ARROW_IN_TEXT) % {"line": offset})
                )
        match = _TIMING_LINE.match(block[timing_index])
        start = _seconds(match.group(1)) if match else None
        end = _seconds(match.group(2)) if match else None
        if start is None or end is None:
            problems.append(
                CaptionProblem(timing_line, str(CAPTIONS_BAD_TIMING) % {"line": timing_line})
            )
            continue
        # webvtt-py reads the block as a cue: identifier, timings and payload.
        cue_block = vtt.WebVTTCueBlock.from_lines(block)
        cues.append(_Cue(timing_line, start, end, _clock(start), list(cue_block.payload)))
    return cues, problems


def check_captions(text: str, *, length_seconds: float | None = None) -> list[CaptionProblem]:
    """Every problem of a WebVTT text (at most MAX_PROBLEMS), each naming its line, in the active
    language; empty when the text is fine or blank (no captions). With `length_seconds` (the
    video's measured length), cues starting after the video's end are problems too."""
    if not text.strip():
        return []
    cues, problems = _parse(text)
    previous: _Cue | None = None
    for cue in cues:
        values = {"line": cue.timing_line, "start": cue.start_text, "end": _clock(cue.end)}
        if cue.end <= cue.start:
            problems.append(
                CaptionProblem(cue.timing_line, str(CAPTIONS_END_NOT_AFTER_START) % values)
            )
        if previous is not None and cue.start < previous.start:
            values |= {"previous_line": previous.timing_line, "previous_start": previous.start_text}
            problems.append(CaptionProblem(cue.timing_line, str(CAPTIONS_OUT_OF_ORDER) % values))
        if length_seconds is not None and cue.start >= length_seconds:
            values |= {"length": _clock(length_seconds)}
            problems.append(CaptionProblem(cue.timing_line, str(CAPTIONS_BEYOND_VIDEO) % values))
        previous = cue
    problems.sort(key=lambda problem: problem.line)
    return problems[:MAX_PROBLEMS]


def _escape_foreign_tags(line: str) -> str:
    parts: list[str] = []
    position = 0
    for match in _TAG.finditer(line):
        parts.append(line[position : match.start()].replace("<", "&lt;").replace(">", "&gt;"))
        tag = match.group(0)
        parts.append(tag if _CUE_TAG.match(tag) else f"&lt;{tag[1:-1]}&gt;")
        position = match.end()
    parts.append(line[position:].replace("<", "&lt;").replace(">", "&gt;"))
    return "".join(parts)


def safe_captions(text: str) -> str:
    """The WebVTT text with every tag in cue text other than WebVTT's own (b, i, u, c, v, lang,
    ruby, rt and timestamps) escaped, so `<script>` or `<img onerror>` shows as text in any
    renderer. Header, comments and timing lines are left as they are; line breaks become LF."""
    lines = _lines(text)
    result: list[str] = []
    in_cue = False
    for line in lines:
        if not line.strip():
            in_cue = False
        elif in_cue:
            line = _escape_foreign_tags(line)
        elif "-->" in line:
            in_cue = True
        result.append(line)
    return "\n".join(result)


def captions_plain_text(text: str) -> str:
    """The words of the cues, without timings, tags or identifiers: one line per cue, for the
    transcript and search. Empty for a blank text or one that is not WebVTT."""
    if not text.strip() or not _HEADER.match(_lines(text)[0]):
        return ""
    cues, _problems = _parse(text)
    spoken = []
    for cue in cues:
        words = " ".join(html.unescape(_TAG.sub("", line)).strip() for line in cue.payload)
        if words.strip():
            spoken.append(" ".join(words.split()))
    return "\n".join(spoken)
