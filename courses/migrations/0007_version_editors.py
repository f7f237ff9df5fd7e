# Who wrote each version's content, so that they do not approve or publish it (separation of
# duties). Versions saved before this migration have no recorded editors; their submitters are
# still known from the transitions.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('courses', '0006_quiz_reveal_policy'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='courseversion',
            name='editors',
            field=models.ManyToManyField(blank=True, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
    ]
