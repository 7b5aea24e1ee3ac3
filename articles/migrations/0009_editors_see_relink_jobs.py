"""Let reporters and editors follow the background relinks after registry changes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    institutions = apps.get_app_config("institutions")
    institutions.models_module = True
    create_permissions(institutions, verbosity=0)
    institutions.models_module = None

    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(
        content_type__app_label="institutions", codename="view_relinkjob"
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=("Reporter", "Editor")):
        group.permissions.add(*view)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(
        content_type__app_label="institutions", codename="view_relinkjob"
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=("Reporter", "Editor")):
        group.permissions.remove(*view)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_editors_read_the_audit_trail"),
        ("institutions", "0003_relink_job"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
