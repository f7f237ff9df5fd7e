"""What the public catalog lists and searches, rebuilt from a version on publish."""

from typing import ClassVar

from django.db import models

from courses.models.course import Course, CourseVersion


class CatalogEntry(models.Model):
    """A published course as the catalog lists it to readers of one platform language.

    One row per course and platform language, holding the texts in the language actually
    served (the reader's when the course offers it, else the course's primary language). Listing a
    page is then an index range scan on (language, title) whatever the fallbacks. Rebuilt on
    publish. Searched through the course's CatalogSearchText.
    """

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="catalog_entries")
    version = models.ForeignKey(CourseVersion, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10)
    served_language = models.CharField(max_length=10)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["course", "language"], name="catalog_entry_language"),
        ]
        indexes: ClassVar = [
            models.Index(fields=["language", "title", "course"], name="catalog_page_order"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class CatalogSearchText(models.Model):
    """What catalog search looks in for one published course: its texts in every language,
    normalized (courses.search). One row per course, not per catalog entry, so a search reads a
    quarter of the text; on PostgreSQL a trigram GIN index on `search_text` serves substring
    search (migration 0005). Rebuilt on publish, refreshed when copied names change."""

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, primary_key=True, related_name="catalog_search"
    )
    search_text = models.TextField()
    title_text = models.TextField()

    def __str__(self) -> str:
        return f"search text of course {self.course_id}"
