from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_article_updated_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="revision",
            name="content",
            field=models.JSONField(
                default=dict, help_text="The article's editable fields as this save left them."
            ),
        ),
    ]
