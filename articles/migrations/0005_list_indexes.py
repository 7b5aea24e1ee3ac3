from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_safe_uploads'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='article',
            name='article_status_pub',
        ),
        migrations.RemoveIndex(
            model_name='mention',
            name='mention_entity_state',
        ),
        migrations.AlterField(
            model_name='article',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('published', 'Published')], default='draft', max_length=10),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['-published_at', '-id'], name='article_newest'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['status', '-published_at', '-id'], name='article_status_newest'),
        ),
        migrations.AddIndex(
            model_name='mention',
            index=models.Index(condition=models.Q(('state__in', ['auto', 'confirmed'])), fields=['entity', 'article'], name='mention_public_by_entity'),
        ),
    ]
