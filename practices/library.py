"""The public library: published case studies, their filters and search (the catalog's
semantics, Chinese included), and the texts a reader gets in their language (selectors)."""

from typing import Any

from django.db.models import Case, Prefetch, Q, QuerySet, Value, When

from courses import api as courses_api
from courses.models import Competency, Course, Standard
from practices.models import CaseStudy

TEXT_FIELDS = ("title", "summary", "problem", "solution", "results")


def published_case_studies() -> QuerySet[CaseStudy]:
    """Published case studies, newest first, with what a list shows prefetched (a page costs a
    fixed number of queries)."""
    return (
        CaseStudy.objects.filter(state=CaseStudy.State.PUBLISHED)
        .select_related("organization")
        .prefetch_related(
            Prefetch("standards", queryset=Standard.objects.only("id", "code")),
            Prefetch("competencies", queryset=Competency.objects.only("id", "code")),
        )
        .order_by("-published_at", "-id")
    )


def filter_by_standard(queryset: QuerySet[CaseStudy], *, code: str) -> QuerySet[CaseStudy]:
    """Case studies tagged with the standard, or with a competency that concerns it."""
    return queryset.filter(
        Q(standards__code=code) | Q(competencies__standards__code=code)
    ).distinct()


def filter_by_competency(queryset: QuerySet[CaseStudy], *, code: str) -> QuerySet[CaseStudy]:
    """Case studies tagged with the competency or (a domain) one of its competencies."""
    return queryset.filter(
        Q(competencies__code=code) | Q(competencies__parent__code=code)
    ).distinct()


def search_case_studies(queryset: QuerySet[CaseStudy], *, text: str) -> QuerySet[CaseStudy]:
    """Case studies whose search text holds every word of `text` as the catalog searches
    courses (normalized substrings, so 数字孪生 is found inside a Chinese sentence), those with
    every word in a title first."""
    words = courses_api.query_words(text)
    if not words:
        return queryset
    every_word, every_word_in_title = Q(), Q()
    for word in words:
        every_word &= Q(search_text__contains=word)
        every_word_in_title &= Q(title_text__contains=word)
    ordering = [str(term) for term in queryset.query.order_by]
    return (
        queryset.filter(every_word)
        .annotate(title_rank=Case(When(every_word_in_title, then=Value(0)), default=Value(1)))
        .order_by("title_rank", *ordering)
    )


def get_published_case_study(*, slug: str) -> CaseStudy:
    """A published case study with everything its page shows; raises CaseStudy.DoesNotExist
    for unknown and unpublished ones alike."""
    return (
        CaseStudy.objects.filter(state=CaseStudy.State.PUBLISHED, slug=slug)
        .select_related("organization")
        .prefetch_related(
            "standards",
            "competencies",
            "attachments",
            Prefetch(
                "linked_courses",
                queryset=Course.objects.select_related("published_version").prefetch_related(
                    "versions"
                ),
            ),
        )
        .get()
    )


def served_language(case_study: CaseStudy, language: str) -> str:
    """The language a reader of `language` is served: theirs when written, else the primary."""
    return courses_api.resolve_language(
        requested=language,
        available=list(case_study.languages),
        primary=case_study.primary_language,
    )


def case_study_texts(case_study: CaseStudy, language: str) -> dict[str, str]:
    """The texts in the served language, each blank one the primary language's."""
    texts = courses_api.pick(
        case_study.translations, served_language(case_study, language), case_study.primary_language
    )
    return {name: str(texts.get(name, "")) for name in TEXT_FIELDS}


def linked_course_rows(case_study: CaseStudy, language: str) -> list[dict[str, Any]]:
    """The linked courses (prefetched with their versions) by title: a course archived since it
    was linked is listed as unavailable under its last title, never an error."""
    rows = []
    for course in case_study.linked_courses.all():
        version = course.published_version or max(
            course.versions.all(), key=lambda item: item.number, default=None
        )
        title = course.slug
        if version is not None:
            served = courses_api.resolve_language(
                requested=language, available=version.languages, primary=version.primary_language
            )
            title = str(
                courses_api.pick(version.translations, served, version.primary_language).get(
                    "title", course.slug
                )
            )
        rows.append(
            {
                "slug": course.slug,
                "title": title,
                "is_available": course.published_version_id is not None,
            }
        )
    return sorted(rows, key=lambda row: str(row["title"]))


def write_search_text(*, case_study: CaseStudy) -> None:
    """Write the normalized search texts of a case study: its texts in every language, its
    standards' codes and titles, its competencies' codes and names (and their domains'), its
    organisation's name."""
    parts: list[str] = []
    titles: list[str] = []
    for texts in case_study.translations.values():
        if not isinstance(texts, dict):
            continue
        titles.append(str(texts.get("title", "")))
        parts.extend(str(texts.get(name, "")) for name in TEXT_FIELDS)
    for standard in case_study.standards.all():
        parts.append(standard.code)
        parts.extend(str(texts.get("title", "")) for texts in standard.translations.values())
    for competency in case_study.competencies.select_related("parent"):
        for node in (competency, competency.parent):
            if node is None:
                continue
            parts.extend((node.code, node.code.replace(".", " ")))
            parts.extend(str(texts.get("name", "")) for texts in node.translations.values())
    parts.append(case_study.organization.name)
    normalize = courses_api.normalize_search_text
    case_study.search_text = "\n".join(normalize(part) for part in parts if part.strip())
    case_study.title_text = "\n".join(normalize(title) for title in titles if title.strip())
    case_study.save(update_fields=["search_text", "title_text"])
