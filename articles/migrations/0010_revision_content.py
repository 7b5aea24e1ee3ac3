from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_editors_see_relink_jobs"),
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
