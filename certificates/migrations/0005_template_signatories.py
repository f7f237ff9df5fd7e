"""Several signatories per certificate template: the single signatory moves into the list."""

import django.db.models.deletion
from django.db import migrations, models


def move_signatory_into_list(apps, schema_editor):
    """A template's signatory becomes its first, when it has a name (without one it was never
    printed, and is dropped).

    The image file is kept where it is: the new row points at the same stored file.
    """
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    CertificateSignatory = apps.get_model("certificates", "CertificateSignatory")
    signatories = [
        CertificateSignatory(
            template=template,
            position=0,
            name=template.signatory_name,
            title=template.signatory_title,
            signature_image=template.signature_image.name,
        )
        for template in CertificateTemplate.objects.exclude(signatory_name="").iterator()
    ]
    CertificateSignatory.objects.bulk_create(signatories)


def move_first_signatory_back(apps, schema_editor):
    """Reversed: the first signatory becomes the template's only one (the others are lost)."""
    CertificateSignatory = apps.get_model("certificates", "CertificateSignatory")
    for signatory in CertificateSignatory.objects.filter(position=0).select_related("template"):
        template = signatory.template
        template.signatory_name = signatory.name
        template.signatory_title = signatory.title
        template.signature_image = signatory.signature_image.name
        template.save(update_fields=["signatory_name", "signatory_title", "signature_image"])


class Migration(migrations.Migration):

    dependencies = [
        ('certificates', '0004_template_logo'),
    ]

    operations = [
        migrations.CreateModel(
            name='CertificateSignatory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField()),
                ('name', models.CharField(max_length=200)),
                ('title', models.CharField(blank=True, max_length=200)),
                ('signature_image', models.ImageField(blank=True, upload_to='certificates/signatures/')),
                ('template', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signatories', to='certificates.certificatetemplate')),
            ],
            options={
                'ordering': ['position', 'id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('position__lt', 3)), name='signatory_position_within_maximum')],
            },
        ),
        migrations.RunPython(move_signatory_into_list, move_first_signatory_back),
        migrations.RemoveField(
            model_name='certificatetemplate',
            name='signatory_name',
        ),
        migrations.RemoveField(
            model_name='certificatetemplate',
            name='signatory_title',
        ),
        migrations.RemoveField(
            model_name='certificatetemplate',
            name='signature_image',
        ),
    ]
