"""Editors manage journalists' profiles and sections; reporters pick them on an article."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editor": [
        f"{action}_{model}"
        for model in ("author", "section")
        for action in ("add", "change", "delete", "view")
    ],
    "Reporter": ["view_author", "view_section"],
}


def permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label__in=("authors", "sections"), codename__in=codenames
    )


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for label in ("authors", "sections"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_article_authors_section_kind"),
        ("authors", "0001_initial"),
        ("sections", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
