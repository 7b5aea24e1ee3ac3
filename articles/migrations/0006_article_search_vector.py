import articles.models
import django.contrib.postgres.search
from django.db import migrations, models

SEARCH_INDEX = "article_search"


def create_search_index(apps, schema_editor):
    # A GIN index exists on PostgreSQL only; other databases search without one.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {SEARCH_INDEX} ON articles_article USING gin (search_vector)"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0005_list_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=articles.models.OnPostgreSQL(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title', config='english', weight='A'), '||', django.contrib.postgres.search.SearchVector('dek', config='english', weight='B'), django.contrib.postgres.search.SearchConfig('english')), '||', django.contrib.postgres.search.SearchVector('body', config='english', weight='C'), django.contrib.postgres.search.SearchConfig('english'))), help_text='The full-text search document; kept by PostgreSQL, NULL elsewhere.', output_field=django.contrib.postgres.search.SearchVectorField(null=True), serialize=False),
        ),
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
