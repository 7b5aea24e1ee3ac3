"""Create the Reporter and Editor groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER = {
    "articles": ["add_article", "change_article", "view_article", "view_mention"],
    "institutions": [
        "view_entity",
        "view_institution",
        "view_official",
        "view_post",
        "view_appointment",
        "view_alias",
    ],
}

EDITOR = {
    "articles": [
        "add_article",
        "change_article",
        "delete_article",
        "view_article",
        "publish_article",
        "add_mention",
        "change_mention",
        "delete_mention",
        "view_mention",
    ],
    "institutions": [
        f"{action}_{model}"
        for model in ("entity", "institution", "official", "post", "appointment", "alias")
        for action in ("add", "change", "delete", "view")
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in (("Reporter", REPORTER), ("Editor", EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in grants.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=("Reporter", "Editor")).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("institutions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
