"""Rewrite the published courses' search texts: Arabic spelling variants are now folded (vowel
marks and tatweel dropped, every alef bare, ta marbuta as ha, alef maqsura as ya), as queries are."""

from django.db import migrations


def rewrite_search_texts(apps, schema_editor):
    from courses.search import search_texts_for_course

    course_model = apps.get_model("courses", "Course")
    search_model = apps.get_model("courses", "CatalogSearchText")
    courses = (
        course_model.objects.filter(published_version__isnull=False)
        .select_related("published_version")
        .prefetch_related(
            "institutions",
            "published_version__competencies__parent",
            "published_version__modules__lessons",
        )
    )
    for course in courses.iterator(200):
        search_text, title_text = search_texts_for_course(course=course)
        search_model.objects.update_or_create(
            course_id=course.pk,
            defaults={"search_text": search_text, "title_text": title_text},
        )


class Migration(migrations.Migration):
    dependencies = [("courses", "0012_lesson_video_completion_preview")]

    operations = [migrations.RunPython(rewrite_search_texts, migrations.RunPython.noop)]
