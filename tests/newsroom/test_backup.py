import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

from articles import services
from articles.models import Article, Mention, Revision
from institutions.models import Alias, Appointment, Entity, Institution, Post
from newsroom.backup import backup_site
from tests.factories import (
    make_alias,
    make_article,
    make_institution,
    make_mention,
    make_official,
    png_upload,
)

# The restore flushes the database, which PostgreSQL cannot do inside a test transaction;
# serialized_rollback puts back the groups that migrations create.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def snapshot():
    """Everything the backup promises to keep, in comparable form."""
    return {
        "articles": list(
            Article.objects.order_by("pk").values(
                "pk",
                "title",
                "slug",
                "dek",
                "body",
                "status",
                "published_at",
                "version",
                "lead_image",
                "created_by__username",
            )
        ),
        "revisions": list(
            Revision.objects.order_by("pk").values(
                "article_id", "version", "content", "note", "created_by__username"
            )
        ),
        "mentions": list(
            Mention.objects.order_by("pk").values(
                "article_id", "entity_id", "state", "count", "decided_by__username"
            )
        ),
        "entities": list(Entity.objects.order_by("pk").values("pk", "name", "slug", "kind")),
        "institutions": list(Institution.objects.order_by("pk").values("pk", "parent_id")),
        "aliases": list(Alias.objects.order_by("pk").values("entity_id", "name", "kind")),
        "appointments": list(
            Appointment.objects.order_by("pk").values("official_id", "post__label", "start_date")
        ),
        "users": list(User.objects.order_by("username").values("username", "password", "is_staff")),
        "memberships": sorted(
            User.groups.through.objects.values_list("user__username", "group__name")
        ),
        "group_permissions": sorted(
            Group.permissions.through.objects.values_list("group__name", "permission__codename")
        ),
        "log": list(
            LogEntry.objects.order_by("pk").values(
                "user__username", "object_repr", "change_message"
            )
        ),
    }


@pytest.fixture
def newsroom(editor):
    mazhilis = make_institution("Mazhilis")
    workshop = make_institution("Lu Ban workshop", parent=mazhilis)
    make_alias(mazhilis, "Majilis")
    koshanov = make_official("Yerlan Koshanov")
    make_alias(koshanov, "Koshanov", kind=Alias.Kind.SURNAME)
    post = Post.objects.create(institution=mazhilis, label="Chairman")
    Appointment.objects.create(official=koshanov, post=post, start_date="2023-03-29")
    article = make_article("A visit", lead_image=png_upload(), created_by=editor)
    services.article_save(article=article, by=editor)
    article.body = "Edited body"
    services.article_save(article=article, by=editor)
    for entity, state in zip(
        (mazhilis, workshop, koshanov, make_institution("Other")), Mention.State.values, strict=True
    ):
        make_mention(article, entity, state=state, decided_by=editor)
    make_article("A draft", status=Article.Status.DRAFT)
    LogEntry.objects.log_actions(editor.pk, [article], CHANGE, change_message="Published")
    return article


class BackupRestoreTests:
    def test_round_trip_keeps_everything(self, newsroom, tmp_path, settings):
        before = snapshot()
        image = newsroom.lead_image.name
        image_bytes = (settings.MEDIA_ROOT / image).read_bytes()
        archive = tmp_path / "site.tar.gz"

        call_command("backup_site", str(archive))
        call_command("flush", interactive=False, verbosity=0)
        (settings.MEDIA_ROOT / image).unlink()
        assert Article.objects.count() == 0
        call_command("restore_site", str(archive))

        after = snapshot()
        for key in before:
            assert after[key] == before[key], key
        assert (settings.MEDIA_ROOT / image).read_bytes() == image_bytes
        assert len(before["mentions"]) == 4

    def test_restored_site_takes_new_articles(self, newsroom, tmp_path):
        archive = tmp_path / "site.tar.gz"
        call_command("backup_site", str(archive))
        call_command("flush", interactive=False, verbosity=0)
        call_command("restore_site", str(archive))
        assert make_article("After the restore").pk > newsroom.pk

    def test_refuses_to_restore_over_a_site_with_content(self, newsroom, tmp_path):
        archive = tmp_path / "site.tar.gz"
        call_command("backup_site", str(archive))
        newsroom.title = "Newer headline"
        newsroom.save()
        with pytest.raises(CommandError, match="--force"):
            call_command("restore_site", str(archive))
        assert Article.objects.get(pk=newsroom.pk).title == "Newer headline"

    def test_a_registry_without_articles_is_content_too(self, newsroom, tmp_path):
        archive = tmp_path / "site.tar.gz"
        call_command("backup_site", str(archive))
        call_command("flush", interactive=False, verbosity=0)
        make_institution("Registered after the backup")
        with pytest.raises(CommandError, match="--force"):
            call_command("restore_site", str(archive))
        assert Article.objects.count() == 0

    def test_backs_up_the_models_the_setting_names(self, newsroom, tmp_path, settings):
        settings.NEWSROOM_BACKUP_MODELS = ["institutions", "auth.group"]
        manifest = backup_site(tmp_path / "site.tar.gz")
        labels = set(manifest["counts"])
        assert {"institutions.Institution", "institutions.Alias", "auth.Group"} <= labels
        assert not any(label.startswith("articles.") for label in labels)

    def test_force_replaces_the_site(self, newsroom, tmp_path):
        archive = tmp_path / "site.tar.gz"
        call_command("backup_site", str(archive))
        make_article("Written after the backup")
        call_command("restore_site", str(archive), force=True)
        assert not Article.objects.filter(title="Written after the backup").exists()
        assert Article.objects.filter(pk=newsroom.pk).exists()

    def test_refuses_a_file_that_is_not_a_backup(self, db, tmp_path):
        bogus = tmp_path / "bogus.tar.gz"
        bogus.write_bytes(b"not an archive")
        with pytest.raises(CommandError, match="Could not restore"):
            call_command("restore_site", str(bogus))
