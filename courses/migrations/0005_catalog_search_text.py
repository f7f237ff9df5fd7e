"""Catalog search in every language: a normalized search text per published course
(courses.search) replaces the per-language document of each catalog entry and, on PostgreSQL,
its full-text vector, which matched only the served language's words and differed from SQLite's
substring search. On PostgreSQL, a trigram GIN index (pg_trgm) serves the substring search;
elsewhere those operations are no-ops.
"""

import django.db.models.deletion
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
CREATE INDEX courses_catalogsearchtext_trgm
    ON courses_catalogsearchtext USING gin (search_text gin_trgm_ops);
"""
DROP_TRIGRAM_INDEX = "DROP INDEX IF EXISTS courses_catalogsearchtext_trgm;"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def write_search_texts(apps, schema_editor):
    from courses.search import search_texts_for_course

    course_model = apps.get_model("courses", "Course")
    search_model = apps.get_model("courses", "CatalogSearchText")
    courses = (
        course_model.objects.filter(published_version__isnull=False)
        .select_related("published_version")
        .prefetch_related("institutions", "published_version__competencies__parent")
    )
    rows = []
    for course in courses.iterator(500):
        search_text, title_text = search_texts_for_course(course=course)
        rows.append(
            search_model(course_id=course.pk, search_text=search_text, title_text=title_text)
        )
    search_model.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_audit_events"),
        ("courses", "0004_review_comments"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(DROP_FULL_TEXT), _on_postgresql(RESTORE_FULL_TEXT)),
        # A default first, so that going back re-adds the column to existing rows (empty:
        # the old search finds those courses again once they are published anew).
        migrations.AlterField(
            model_name="catalogentry", name="document", field=models.TextField(default="")
        ),
        migrations.RemoveField(model_name="catalogentry", name="document"),
        migrations.CreateModel(
            name="CatalogSearchText",
            fields=[
                (
                    "course",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="catalog_search",
                        serialize=False,
                        to="courses.course",
                    ),
                ),
                ("search_text", models.TextField()),
                ("title_text", models.TextField()),
            ],
        ),
        migrations.RunPython(write_search_texts, migrations.RunPython.noop),
        migrations.RunPython(
            _on_postgresql(CREATE_TRIGRAM_INDEX), _on_postgresql(DROP_TRIGRAM_INDEX)
        ),
    ]
