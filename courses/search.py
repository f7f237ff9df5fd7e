"""Catalog search: one normalized text per published course, in every language, searched by
substring on every database.

A reader types a word in whatever language they know, whatever language the interface is in,
and Chinese has no spaces to split words on. So each published course keeps `search_text`
(CatalogSearchText, one row per course, whatever the number of catalog entries): the
course's titles, summaries and descriptions in all its translations, the names of its
competencies and of their domains in every language of the framework, their codes, and the names
of its institutions, and what its videos say (each video lesson's transcript, else the words of its
captions, in every language), normalized (NFKC, case-folded, Arabic spelling variants folded). A
query is normalized the same way and every word of it must occur in that text as a substring, which
finds 机器人 inside 协作机器人应用 as surely as "robot" inside "Robotics". `title_text` (the titles
alone) ranks the courses whose title has every word first, then those whose title has some.

Arabic is written with optional marks and interchangeable letters, so both sides drop the vowel
marks (تعلّم ~ تعلم) and the tatweel, write every alef as a bare alef (الأمن ~ الامن, إضافي ~
اضافي), ta marbuta as ha and alef maqsura as ya. A query word also loses its article and a
conjunction or preposition joined to it (البرمجة, والبرمجة → برمجة), which then matches the word
with or without them, as a substring does.

The same `LIKE '%word%'` runs on SQLite and PostgreSQL, so both answer the same; on PostgreSQL a
trigram GIN index (pg_trgm, migration 0005) serves it for words of three characters or more.

The texts are written by `write_search_texts` on publication, and again when what they copy
changes elsewhere: the competency framework (`load_competency_framework`, the admin) and
institution names (receivers: the admin edits organisations in `accounts`).
"""

import unicodedata
from collections.abc import Iterable
from typing import Any

from django.db.models import Case, Q, QuerySet, Value, When

from courses.captions import captions_plain_text
from courses.models import CatalogEntry, CatalogSearchText, Competency, Course, Lesson

__all__ = [
    "build_search_texts",
    "normalize_search_text",
    "query_words",
    "search_catalog",
    "search_texts_for_course",
    "write_search_texts",
]

# Longest query considered, and most words matched: bounds the SQL a client can make us run.
MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
TEXT_FIELDS = ("title", "summary", "description")

# Arabic: every alef written bare, ta marbuta as ha, alef maqsura as ya; vowel marks (harakat,
# shadda, sukun, the dagger alef, hamza and madda written as marks, Quranic marks) and the
# tatweel dropped.
ARABIC_FOLDS: dict[int, str | None] = {
    **{ord(alef): "\u0627" for alef in "\u0622\u0623\u0625\u0671"},  # آ أ إ ٱ → ا
    ord("\u0629"): "\u0647",  # ة → ه
    ord("\u0649"): "\u064a",  # ى → ي
    ord("\u0640"): None,  # tatweel
    ord("\u0670"): None,  # dagger alef
    **dict.fromkeys(range(0x064B, 0x0660)),  # harakat, shadda, sukun, madda and hamza marks
    **dict.fromkeys(range(0x06D6, 0x06EE)),  # Quranic marks
}
# The article and the one-letter words joined before it, longest first; what is left of a query
# word after one of them must keep three letters.
ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")
ARABIC_STEM_LENGTH = 3


def normalize_search_text(text: str) -> str:
    """Text as search compares it: compatibility forms folded (full-width Ａ, ﬁ), case folded
    (Straße ~ STRASSE), Arabic spelling variants folded (see the module's docstring), runs of
    whitespace made one space."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(folded.translate(ARABIC_FOLDS).split())


def query_words(text: str) -> list[str]:
    """The words of a query as searched: normalized, at most MAX_WORDS of them, an Arabic word
    without its article (and a conjunction or preposition joined to it)."""
    words = []
    for word in normalize_search_text(text[:MAX_QUERY_LENGTH]).split()[:MAX_WORDS]:
        for prefix in ARABIC_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= ARABIC_STEM_LENGTH:
                word = word.removeprefix(prefix)
                break
        words.append(word)
    return words


def build_search_texts(
    *,
    translations: dict[str, Any],
    competencies: Iterable[tuple[str, dict[str, Any]]],
    institution_names: Iterable[str],
    spoken_texts: Iterable[str] = (),
) -> tuple[str, str]:
    """(search_text, title_text) of a course version: its texts in every language, then the
    names of its competencies (and their domains) in every language, their codes, its
    institutions' names, then `spoken_texts` (what its videos say, see `spoken_texts`).
    `competencies` are (code, translations) pairs, domains included."""
    titles: list[str] = []
    parts: list[str] = []
    for texts in translations.values():
        if not isinstance(texts, dict):
            continue
        titles.append(str(texts.get("title", "")))
        parts.extend(str(texts.get(name, "")) for name in TEXT_FIELDS)
    for code, names in competencies:
        # "AUT PLC" as well as "AUT.PLC".
        parts.extend((code, code.replace(".", " ")))
        parts.extend(
            str(texts.get("name", "")) for texts in names.values() if isinstance(texts, dict)
        )
    parts.extend(institution_names)
    parts.extend(spoken_texts)
    # A line per part: a word never runs on from one text into the next.
    return (
        "\n".join(normalize_search_text(part) for part in parts if part.strip()),
        "\n".join(normalize_search_text(title) for title in titles if title.strip()),
    )


def _competencies_with_domains(
    competencies: Iterable[Competency],
) -> list[tuple[str, dict[str, Any]]]:
    """The competencies (parents selected) and their domains, each once, in framework order."""
    found: dict[str, tuple[int, tuple[str, dict[str, Any]]]] = {}
    for competency in competencies:
        found[competency.code] = (competency.position, (competency.code, competency.translations))
        parent = competency.parent
        if parent is not None:
            found[parent.code] = (parent.position, (parent.code, parent.translations))
    return [pair for _position, pair in sorted(found.values(), key=lambda item: item[0])]


def spoken_texts(lessons: Iterable[Lesson]) -> list[str]:
    """What the video lessons among `lessons` say, in every language: each one's transcript,
    else the words of its captions (cue text without timings or tags)."""
    texts = []
    for lesson in lessons:
        if lesson.kind != Lesson.Kind.VIDEO:
            continue
        for values in lesson.translations.values():
            if not isinstance(values, dict):
                continue
            transcript = str(values.get("transcript") or "")
            texts.append(transcript or captions_plain_text(str(values.get("captions") or "")))
    return texts


def search_texts_for_course(*, course: Course) -> tuple[str, str]:
    """`build_search_texts` of the course's published version; the version's competencies
    (with parents), modules and lessons and the course's institutions must be prefetched."""
    version = course.published_version
    assert version is not None  # noqa: S101 - callers pass published courses
    return build_search_texts(
        translations=version.translations,
        competencies=_competencies_with_domains(version.competencies.all()),
        institution_names=[organization.name for organization in course.institutions.all()],
        spoken_texts=spoken_texts(
            lesson for module in version.modules.all() for lesson in module.lessons.all()
        ),
    )


def write_search_texts(*, course_ids: Iterable[int] | None = None) -> int:
    """Write the search texts of the published courses among `course_ids` (None: every
    published course) from their published versions and the current framework and institution
    names, in a fixed number of queries; drop those of courses no longer published. Returns
    the number of courses written."""
    courses = Course.objects.filter(published_version__isnull=False)
    stale = CatalogSearchText.objects.exclude(course__published_version__isnull=False)
    if course_ids is not None:
        course_ids = list(course_ids)
        courses = courses.filter(pk__in=course_ids)
        stale = stale.filter(course_id__in=course_ids)
    courses = courses.select_related("published_version").prefetch_related(
        "institutions",
        "published_version__competencies__parent",
        "published_version__modules__lessons",
    )
    rows = []
    for course in courses:
        search_text, title_text = search_texts_for_course(course=course)
        rows.append(
            CatalogSearchText(course=course, search_text=search_text, title_text=title_text)
        )
    stale.delete()
    CatalogSearchText.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["course"],
        update_fields=["search_text", "title_text"],
    )
    return len(rows)


def search_catalog(queryset: QuerySet[CatalogEntry], *, text: str) -> QuerySet[CatalogEntry]:
    """Entries whose course's search text holds every word of `text` (normalized, as
    substrings): first those with every word in a title, then those with some word in a title,
    then the rest, each group in the queryset's order (else by title).

    Identical on every database: see the module's docstring."""
    words = query_words(text)
    if not words:
        return queryset
    every_word, every_word_in_title, a_word_in_title = Q(), Q(), Q()
    for word in words:
        every_word &= Q(course__catalog_search__search_text__contains=word)
        every_word_in_title &= Q(course__catalog_search__title_text__contains=word)
        a_word_in_title |= Q(course__catalog_search__title_text__contains=word)
    ordering = [str(term) for term in queryset.query.order_by] or ["title", "course_id"]
    # One filter() call: every condition on the same joined row.
    return (
        queryset.filter(every_word)
        .annotate(
            title_rank=Case(
                When(every_word_in_title, then=Value(0)),
                When(a_word_in_title, then=Value(1)),
                default=Value(2),
            )
        )
        .order_by("title_rank", *ordering)
    )
