"""Catalog search in every language: a normalized search text per catalog entry (courses.search)
replaces the per-language document and, on PostgreSQL, its full-text vector, which matched only
the served language's words and differed from SQLite's substring search. On PostgreSQL, a
trigram GIN index (pg_trgm) serves the substring search; elsewhere the operations are no-ops.
"""

from django.db import migrations, models

DROP_FULL_TEXT = """
DROP INDEX IF EXISTS courses_catalogentry_search;
ALTER TABLE courses_catalogentry DROP COLUMN IF EXISTS search_vector;
"""
RESTORE_FULL_TEXT = """
ALTER TABLE courses_catalogentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    CASE served_language
        WHEN 'en' THEN to_tsvector('english'::regconfig, document)
        WHEN 'de' THEN to_tsvector('german'::regconfig, document)
        ELSE to_tsvector('simple'::regconfig, document)
    END
) STORED;
CREATE INDEX courses_catalogentry_search ON courses_catalogentry USING gin (search_vector);
"""
# pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
CREATE_TRIGRAM_INDEX = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX courses_catalogentry_search_trgm
    ON courses_catalogentry USING gin (search_text gin_trgm_ops);
"""
DROP_TRIGRAM_INDEX = "DROP INDEX IF EXISTS courses_catalogentry_search_trgm;"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def fill_search_texts(apps, schema_editor):
    from courses.search import search_texts_for_course

    course_model = apps.get_model("courses", "Course")
    entry_model = apps.get_model("courses", "CatalogEntry")
    courses = (
        course_model.objects.filter(published_version__isnull=False)
        .select_related("published_version")
        .prefetch_related("institutions", "published_version__competencies__parent")
    )
    texts = {course.pk: search_texts_for_course(course=course) for course in courses.iterator(500)}
    entries = list(entry_model.objects.filter(course_id__in=texts).only("pk", "course_id"))
    for entry in entries:
        entry.search_text, entry.title_text = texts[entry.course_id]
    entry_model.objects.bulk_update(entries, ["search_text", "title_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_audit_events"),
        ("courses", "0004_review_comments"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(DROP_FULL_TEXT), _on_postgresql(RESTORE_FULL_TEXT)),
        migrations.RemoveField(model_name="catalogentry", name="document"),
        migrations.AddField(
            model_name="catalogentry",
            name="search_text",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="catalogentry",
            name="title_text",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(fill_search_texts, migrations.RunPython.noop),
        migrations.RunPython(
            _on_postgresql(CREATE_TRIGRAM_INDEX), _on_postgresql(DROP_TRIGRAM_INDEX)
        ),
    ]
