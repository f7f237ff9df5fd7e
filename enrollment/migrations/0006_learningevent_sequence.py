"""Learning events get a strict sequence: ties of created_at are broken by it (issue 22)."""

from typing import Any

from django.db import migrations, models

import enrollment.models

POSTGRESQL = [
    "CREATE SEQUENCE enrollment_learningevent_sequence",
    "ALTER TABLE enrollment_learningevent ADD COLUMN sequence bigint",
    # Existing events are numbered in the order the export showed them.
    """UPDATE enrollment_learningevent AS event SET sequence = numbered.n FROM (
        SELECT id, row_number() OVER (ORDER BY created_at, id) AS n
        FROM enrollment_learningevent) AS numbered WHERE event.id = numbered.id""",
    """SELECT setval('enrollment_learningevent_sequence',
        COALESCE((SELECT MAX(sequence) FROM enrollment_learningevent), 0) + 1, false)""",
    "ALTER TABLE enrollment_learningevent ALTER COLUMN sequence SET DEFAULT "
    "nextval('enrollment_learningevent_sequence')",
    "ALTER TABLE enrollment_learningevent ALTER COLUMN sequence SET NOT NULL",
    "ALTER SEQUENCE enrollment_learningevent_sequence OWNED BY enrollment_learningevent.sequence",
]
SQLITE = [
    "ALTER TABLE enrollment_learningevent ADD COLUMN sequence bigint NULL",
    """UPDATE enrollment_learningevent SET sequence = (SELECT COUNT(*) FROM
        enrollment_learningevent AS earlier WHERE earlier.created_at < enrollment_learningevent.created_at
        OR (earlier.created_at = enrollment_learningevent.created_at
            AND earlier.id <= enrollment_learningevent.id))""",
]


def add_column(apps: Any, schema_editor: Any) -> None:
    for sql in POSTGRESQL if schema_editor.connection.vendor == "postgresql" else SQLITE:
        schema_editor.execute(sql)


def drop_column(apps: Any, schema_editor: Any) -> None:
    schema_editor.execute("ALTER TABLE enrollment_learningevent DROP COLUMN sequence")


class Migration(migrations.Migration):
    dependencies = [("enrollment", "0005_video_position_completed_by")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="learningevent",
                    name="sequence",
                    field=models.BigIntegerField(
                        db_default=enrollment.models.NextEventSequence(), editable=False
                    ),
                ),
                migrations.AlterModelOptions(
                    name="learningevent", options={"ordering": ["created_at", "sequence"]}
                ),
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        )
    ]
