"""Articles take their lead image from the image library, whose images reporters and
editors upload and edit (editors also delete them)."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

ACTIONS = {"Reporter": ("add", "change", "view"), "Editor": ("add", "change", "delete", "view")}


def _permissions(apps, actions):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="media_library",
        codename__in=[f"{action}_image" for action in actions],
    )


def grant(apps, schema_editor):
    library = apps.get_app_config("media_library")
    library.models_module = True
    create_permissions(library, verbosity=0)
    library.models_module = None
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ACTIONS):
        group.permissions.add(*_permissions(apps, ACTIONS[group.name]))


def revoke(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ACTIONS):
        group.permissions.remove(*_permissions(apps, ACTIONS[group.name]))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0020_desk_drafts_and_share_links"),
        ("media_library", "0001_image_library"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="lead",
            field=models.ForeignKey(
                blank=True,
                help_text="Shown above the article, on cards and when it is shared; "
                "replaces the uploaded lead image.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="lead_of",
                to="media_library.image",
                verbose_name="lead image from the library",
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
