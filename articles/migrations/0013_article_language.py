from django.db import migrations, models

from articles.scrape import detect_language


def detect_languages(apps, schema_editor):
    """Existing articles get the language of their text, as an import would detect it."""
    Article = apps.get_model("articles", "Article")
    articles = Article.objects.only("pk", "title", "dek", "body")
    changed = []
    for article in articles.iterator(chunk_size=500):
        article.language = detect_language("\n".join((article.title, article.dek, article.body)))
        if article.language != "en":
            changed.append(article)
    Article.objects.bulk_update(changed, ["language"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_revision_drop_columns"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="language",
            field=models.CharField(
                choices=[("kk", "Kazakh"), ("ru", "Russian"), ("en", "English")],
                default="en",
                help_text="The language the article is written in; names are found in its word forms.",
                max_length=2,
            ),
        ),
        migrations.RunPython(detect_languages, migrations.RunPython.noop),
    ]
