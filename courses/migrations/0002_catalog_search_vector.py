"""On PostgreSQL, a stored full-text vector per catalog entry with a GIN index.

The configuration follows the language the entry's texts are in; constant configurations keep the expression
immutable, as generated columns require. Other databases search by substring instead.
"""

from django.db import migrations

POSTGRES_FORWARD = """
ALTER TABLE courses_catalogentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    CASE served_language
        WHEN 'en' THEN to_tsvector('english'::regconfig, document)
        WHEN 'de' THEN to_tsvector('german'::regconfig, document)
        ELSE to_tsvector('simple'::regconfig, document)
    END
) STORED;
CREATE INDEX courses_catalogentry_search ON courses_catalogentry USING gin (search_vector);
"""
POSTGRES_BACKWARD = """
DROP INDEX IF EXISTS courses_catalogentry_search;
ALTER TABLE courses_catalogentry DROP COLUMN IF EXISTS search_vector;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
