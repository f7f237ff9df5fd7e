"""The LRS copy's marker row, and the index it reads learning events by (their sequence)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('enrollment', '0007_package_attempt'),
    ]

    operations = [
        migrations.CreateModel(
            name='LrsCopyMarker',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('last_sequence', models.BigIntegerField(default=0)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.AddIndex(
            model_name='learningevent',
            index=models.Index(fields=['sequence'], name='enrollment_event_sequence'),
        ),
    ]
