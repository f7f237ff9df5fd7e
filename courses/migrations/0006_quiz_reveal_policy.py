# "after_submit" (answer keys after every attempt) is retired: with attempts left, a blank first
# attempt handed out the keys for the next. Stored quizzes keep what it safely meant.

from django.db import migrations, models


def retire_after_submit(apps, schema_editor):
    Quiz = apps.get_model("courses", "Quiz")
    stored = Quiz.objects.filter(reveal_answers="after_submit")
    stored.filter(attempts_allowed=1).update(reveal_answers="after_last_attempt")
    stored.update(reveal_answers="after_pass")


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_catalog_search_text"),
    ]

    operations = [
        migrations.AlterField(
            model_name="quiz",
            name="reveal_answers",
            field=models.CharField(
                choices=[
                    ("after_pass", "After passing"),
                    ("after_last_attempt", "After the last attempt"),
                    ("never", "Never"),
                ],
                default="after_pass",
                max_length=20,
            ),
        ),
        migrations.RunPython(retire_after_submit, migrations.RunPython.noop),
    ]
