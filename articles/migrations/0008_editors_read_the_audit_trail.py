"""Let the Editor group read the audit trail, through Django's own permission for it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure this one exists.
    admin_config = apps.get_app_config("admin")
    admin_config.models_module = True
    create_permissions(admin_config, verbosity=0, apps=apps)
    admin_config.models_module = None

    view_logentry = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="admin", codename="view_logentry"
    )
    for editors in apps.get_model("auth", "Group").objects.filter(name="Editor"):
        editors.permissions.add(view_logentry)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    view_logentry = Permission.objects.filter(
        content_type__app_label="admin", codename="view_logentry"
    )
    for editors in apps.get_model("auth", "Group").objects.filter(name="Editor"):
        editors.permissions.remove(*view_logentry)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_article_updated_index"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
