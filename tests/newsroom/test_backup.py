import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor

from articles import services
from articles.models import Article, Mention, Revision
from bench.corpus import generate_corpus
from institutions.models import Alias, Appointment, Entity, Institution, Post
from newsroom import backup
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


def rewrite_archive(source, target, *, drop=(), add=(), edit=None):
    """Copy the archive ``source`` to ``target`` without the members named in ``drop``,
    with the (TarInfo, bytes) pairs in ``add``, and each kept member's bytes passed
    through ``edit(name, content)`` when given."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            if member.name in drop:
                continue
            content = old.extractfile(member).read() if member.isfile() else None
            if content is not None and edit:
                content = edit(member.name, content)
                member.size = len(content)
            new.addfile(member, io.BytesIO(content) if content is not None else None)
        for info, content in add:
            new.addfile(info, io.BytesIO(content) if content is not None else None)
    return target


def member(name, content=b"x", kind=tarfile.REGTYPE, linkname=""):
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, linkname
    info.size = len(content) if kind == tarfile.REGTYPE else 0
    return info, content if kind == tarfile.REGTYPE else None


def edit_manifest(change):
    def edit(name, content):
        if name != "manifest.json":
            return content
        manifest = json.loads(content)
        change(manifest)
        return json.dumps(manifest).encode()

    return edit


def edit_data(change):
    def edit(name, content):
        if name != "data.jsonl":
            return content
        return "".join(change(content.decode().splitlines(keepends=True))).encode()

    return edit


def break_last_article(lines):
    """An article whose date cannot be read, after every other row: the load fails
    midway, once the database has been emptied and most rows written."""
    index = max(i for i, line in enumerate(lines) if '"articles.article"' in line)
    record = json.loads(lines.pop(index))
    record["fields"]["published_at"] = "the day after tomorrow"
    return [*lines, json.dumps(record) + "\n"]


def truncate(source, target):
    target.write_bytes(source.read_bytes()[: source.stat().st_size // 2])
    return target


BROKEN_ARCHIVES = {
    "missing": (lambda good, bad: bad.parent / "no-such-file.tar.gz", "There is no file"),
    "not gzip": (
        lambda good, bad: bad.write_bytes(b"not an archive") and bad,
        "not a readable .tar.gz",
    ),
    "truncated": (lambda good, bad: truncate(good, bad), "not a readable .tar.gz"),
    "member leaving the folder": (
        lambda good, bad: rewrite_archive(good, bad, add=[member("media/../../escaped.txt")]),
        "refused the member",
    ),
    "absolute member": (
        lambda good, bad: rewrite_archive(good, bad, add=[member("media//tmp/absolute.txt")]),
        "refused the member",
    ),
    "link": (
        lambda good, bad: rewrite_archive(
            good, bad, add=[member("media/passwd", kind=tarfile.SYMTYPE, linkname="/etc/passwd")]
        ),
        "link or device",
    ),
    "foreign member": (
        lambda good, bad: rewrite_archive(good, bad, add=[member("run-me.sh")]),
        "not part of a Newsroom backup",
    ),
    "no manifest": (
        lambda good, bad: rewrite_archive(good, bad, drop={"manifest.json"}),
        "no manifest.json",
    ),
    "no data": (lambda good, bad: rewrite_archive(good, bad, drop={"data.jsonl"}), "no data.jsonl"),
    "future format": (
        lambda good, bad: rewrite_archive(
            good, bad, edit=edit_manifest(lambda m: m.update(format=99))
        ),
        "format 99",
    ),
    "a row missing": (
        lambda good, bad: rewrite_archive(good, bad, edit=edit_data(lambda lines: lines[:-1])),
        "the archive is damaged",
    ),
    "a line that is not JSON": (
        lambda good, bad: rewrite_archive(
            good, bad, edit=edit_data(lambda lines: [*lines, "{oops\n"])
        ),
        "line",
    ),
    "a model the site does not back up": (
        lambda good, bad: rewrite_archive(
            good,
            bad,
            edit=edit_data(lambda lines: [*lines, '{"model": "sessions.session", "fields": {}}\n']),
        ),
        "sessions.session",
    ),
}


class RestoreChecksFirstTests:
    """A restore that cannot finish changes nothing, even with --force."""

    @pytest.fixture
    def backup(self, newsroom, tmp_path):
        archive = tmp_path / "good.tar.gz"
        call_command("backup_site", str(archive))
        # Written after the backup: a restore that went wrong would lose it.
        make_article("Written after the backup")
        return archive

    def assert_unchanged(self, before, settings, image, image_bytes):
        assert snapshot() == before
        assert Article.objects.filter(title="Written after the backup").exists()
        assert (settings.MEDIA_ROOT / image).read_bytes() == image_bytes

    @pytest.mark.parametrize("case", BROKEN_ARCHIVES)
    def test_a_broken_archive_changes_nothing(self, case, backup, newsroom, tmp_path, settings):
        make_broken, message = BROKEN_ARCHIVES[case]
        bad = make_broken(backup, tmp_path / "bad.tar.gz")
        image = newsroom.lead_image.name
        image_bytes = (settings.MEDIA_ROOT / image).read_bytes()
        before = snapshot()

        with pytest.raises(CommandError, match=message) as error:
            call_command("restore_site", str(bad), force=True)

        assert "Nothing was changed" in str(error.value)
        self.assert_unchanged(before, settings, image, image_bytes)
        assert not list(tmp_path.rglob("escaped.txt"))
        assert not Path("/tmp/absolute.txt").exists()

    def test_a_load_failing_midway_rolls_the_emptying_back(
        self, backup, newsroom, tmp_path, settings
    ):
        bad = rewrite_archive(backup, tmp_path / "bad.tar.gz", edit=edit_data(break_last_article))
        image = newsroom.lead_image.name
        image_bytes = (settings.MEDIA_ROOT / image).read_bytes()
        before = snapshot()

        with pytest.raises(CommandError, match=r"rolled back: .*the day after tomorrow"):
            call_command("restore_site", str(bad), force=True)

        self.assert_unchanged(before, settings, image, image_bytes)

    def test_an_unreachable_database_is_refused_before_anything(
        self, backup, newsroom, monkeypatch
    ):
        before = snapshot()

        def unreachable(self):
            raise OperationalError("connection refused")

        with monkeypatch.context() as patched:
            patched.setattr(BaseDatabaseWrapper, "ensure_connection", unreachable)
            for force in (True, False):
                with pytest.raises(CommandError, match="cannot be reached: connection refused"):
                    call_command("restore_site", str(backup), force=force)
        assert snapshot() == before

    def test_an_unmigrated_database_is_refused(self, backup, newsroom, monkeypatch):
        before = snapshot()
        monkeypatch.setattr(
            MigrationExecutor, "migration_plan", lambda self, targets: [("articles", False)]
        )
        with pytest.raises(CommandError, match=r"run `manage\.py migrate` first"):
            call_command("restore_site", str(backup), force=True)
        assert snapshot() == before

    def test_an_archive_of_the_first_format_still_restores(self, newsroom, tmp_path):
        """Archives written before rows were one a line hold data.json, read whole."""
        archive = tmp_path / "site.tar.gz"
        call_command("backup_site", str(archive))

        def one_document(name, content):
            if name == "manifest.json":
                manifest = json.loads(content)
                del manifest["format"]
                return json.dumps(manifest).encode()
            return json.dumps([json.loads(line) for line in content.splitlines()]).encode()

        old = tmp_path / "old.tar.gz"
        with tarfile.open(archive) as new, tarfile.open(old, "w:gz") as legacy:
            for item in new.getmembers():
                content = new.extractfile(item).read() if item.isfile() else None
                if content is not None and not item.name.startswith("media"):
                    content = one_document(item.name, content)
                    item.size = len(content)
                if item.name == "data.jsonl":
                    item.name = "data.json"
                legacy.addfile(item, io.BytesIO(content) if content is not None else None)
        before = snapshot()
        call_command("flush", interactive=False, verbosity=0)
        call_command("restore_site", str(old))
        assert snapshot() == before


class BackupLeavesEarlierArchivesTests:
    def test_a_failed_backup_keeps_the_earlier_archive(self, newsroom, tmp_path, monkeypatch):
        archive = tmp_path / "site.tar.gz"
        call_command("backup_site", str(archive))
        earlier = archive.read_bytes()

        def disk_full(models, stream):
            stream.write("{}\n")
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(backup, "_dump", disk_full)
        with pytest.raises(CommandError, match="No space left on device"):
            call_command("backup_site", str(archive))
        assert archive.read_bytes() == earlier
        assert sorted(p.name for p in tmp_path.iterdir()) == ["media", "site.tar.gz"]

    def test_a_missing_folder_is_named_before_any_work(self, db, tmp_path):
        with pytest.raises(CommandError, match="There is no folder"):
            call_command("backup_site", str(tmp_path / "nowhere" / "site.tar.gz"))


class RestoreDrillTests:
    """A generated site backed up, emptied and restored comes back whole."""

    def test_a_generated_site_comes_back_whole(self, editor, tmp_path, settings):
        generate_corpus(articles=60, entities=30, seed="drill")
        article = Article.objects.order_by("pk").first()
        article.lead_image = png_upload()
        services.article_save(article=article, by=editor)
        media = {
            path.relative_to(settings.MEDIA_ROOT): path.read_bytes()
            for path in settings.MEDIA_ROOT.rglob("*")
            if path.is_file()
        }
        before = snapshot()
        archive = tmp_path / "drill.tar.gz"

        call_command("backup_site", str(archive))
        call_command("flush", interactive=False, verbosity=0)
        shutil.rmtree(settings.MEDIA_ROOT)
        call_command("restore_site", str(archive))

        assert snapshot() == before
        assert len(before["articles"]) == 60
        assert len(before["entities"]) == 30
        restored = {
            path.relative_to(settings.MEDIA_ROOT): path.read_bytes()
            for path in settings.MEDIA_ROOT.rglob("*")
            if path.is_file()
        }
        assert restored == media
        assert media
