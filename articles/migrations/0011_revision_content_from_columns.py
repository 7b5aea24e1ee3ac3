"""Copy each revision's content columns into its ``content`` snapshot, and back.

A migration of its own, between adding ``content`` and dropping the columns, so that on
PostgreSQL the rows are rewritten in a transaction that alters no table.
"""

from django.db import migrations

# The article fields revisions kept as columns until now: every editable Article field.
COLUMNS = (
    "title",
    "slug",
    "dek",
    "seo_title",
    "byline",
    "body",
    "status",
    "published_at",
    "lead_image",
    "lead_image_alt",
    "lead_image_credit",
    "source_name",
    "source_url",
)
BATCH = 500


def _rewrite(apps, fields, convert):
    Article = apps.get_model("articles", "Article")
    Revision = apps.get_model("articles", "Revision")
    article_fields = {name: Article._meta.get_field(name) for name in COLUMNS}
    batch = []
    for revision in Revision.objects.order_by("pk").iterator(chunk_size=BATCH):
        convert(revision, article_fields)
        batch.append(revision)
        if len(batch) == BATCH:
            Revision.objects.bulk_update(batch, fields)
            batch = []
    Revision.objects.bulk_update(batch, fields)


def _to_snapshot(revision, article_fields):
    # Written as Article's own fields serialise (see Revision.of): text, None kept apart.
    revision.content = {
        name: None if getattr(revision, name) is None else field.value_to_string(revision)
        for name, field in article_fields.items()
    }


def _to_columns(revision, article_fields):
    for name, field in article_fields.items():
        value = revision.content.get(name)
        if value is None:
            value = None if field.null else ""
        elif name != "lead_image":  # the column holds the file's name as text
            value = field.to_python(value)
        setattr(revision, name, value)


def columns_to_snapshot(apps, schema_editor):
    _rewrite(apps, ["content"], _to_snapshot)


def snapshot_to_columns(apps, schema_editor):
    _rewrite(apps, list(COLUMNS), _to_columns)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_revision_content"),
    ]

    operations = [
        migrations.RunPython(columns_to_snapshot, snapshot_to_columns),
    ]
