import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from articles import tasks
from articles.linking import relinking
from articles.models import Article
from institutions.models import Institution, RelinkJob
from tests.factories import make_article

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "articles"
WORKSHOPS = "000_3518098ee76f5d4b.txt"
KOSHANOV = "003_ee734153082fbbda.txt"

pytestmark = pytest.mark.django_db


def load(*paths, **options):
    out, err = StringIO(), StringIO()
    call_command("load_seeds", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def seed_dir(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in (WORKSHOPS, KOSHANOV):
        shutil.copy(SEEDS / name, folder / name)
    return folder


class LoadSeedsTests:
    def test_loads_both_seeds_as_published_articles(self, seed_dir):
        out, _ = load(seed_dir)
        assert "2 created" in out
        titles = set(Article.objects.published().values_list("title", flat=True))
        assert titles == {
            "Workshops led by Lou Banya have launched in Kazakhstan",
            "Priorities of the President's Policy Focus on Workers' Needs, as Stated by Koshanov",
        }

    def test_stored_article_has_no_scrape_furniture(self, seed_dir):
        load(seed_dir)
        for article in Article.objects.all():
            for furniture in ("Skip to content", "Read also", "Latest"):
                assert furniture not in article.body
                assert furniture not in article.dek
            assert article.title not in article.body

    def test_records_provenance(self, seed_dir):
        load(seed_dir)
        article = Article.objects.get(source_file=WORKSHOPS)
        assert len(article.source_hash) == 64
        assert article.imported_at is not None
        assert article.published_at is not None
        assert article.seo_title == "Workshops of Lou Banya inaugurated in Kazakhstan"

    def test_flags_scraper_artefacts_for_an_editor(self, seed_dir):
        load(seed_dir)
        flags = Article.objects.get(source_file=WORKSHOPS).quality_flags
        assert any("provided search results" in flag for flag in flags)

    def test_running_twice_changes_nothing(self, seed_dir):
        load(seed_dir)
        before = list(Article.objects.values_list("pk", "updated_at", "body_html"))
        out, _ = load(seed_dir)
        assert "2 unchanged" in out
        assert list(Article.objects.values_list("pk", "updated_at", "body_html")) == before

    def test_crlf_and_bom_copy_loads_the_same_article(self, tmp_path):
        clean, messy = tmp_path / "clean", tmp_path / "messy"
        clean.mkdir(), messy.mkdir()
        text = (SEEDS / KOSHANOV).read_text(encoding="utf-8")
        (clean / "a.txt").write_text(text, encoding="utf-8")
        (messy / "b.txt").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
        load(clean, messy)
        first, second = Article.objects.order_by("source_file")
        assert (first.title, first.dek, first.body) == (second.title, second.dek, second.body)
        assert first.source_hash == second.source_hash

    def test_changed_source_updates_an_unedited_article(self, seed_dir):
        load(seed_dir)
        path = seed_dir / KOSHANOV
        path.write_text(path.read_text().replace("Over 400 students", "Over 500 students"))
        out, _ = load(seed_dir)
        assert "updated" in out
        assert "Over 500 students" in Article.objects.get(source_file=KOSHANOV).body

    def test_editor_edit_survives_a_changed_source(self, seed_dir):
        load(seed_dir)
        article = Article.objects.get(source_file=KOSHANOV)
        article.dek = "An editor's standfirst."
        article.save()
        path = seed_dir / KOSHANOV
        path.write_text(path.read_text().replace("Over 400 students", "Over 500 students"))
        _, err = load(seed_dir)
        assert f"{KOSHANOV}: conflict" in err
        article.refresh_from_db()
        assert article.dek == "An editor's standfirst."
        assert "Over 400 students" in article.body

    def test_dry_run_writes_nothing(self, seed_dir):
        out, _ = load(seed_dir, dry_run=True)
        assert "2 created" in out and "dry run" in out
        assert not Article.objects.exists()

    def test_missing_path_is_a_clear_error(self, tmp_path):
        with pytest.raises(CommandError, match="No such file or folder"):
            load(tmp_path / "nowhere")


BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\r\n\t\n", "empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "latin1.txt": ("Caf\xe9 news about the Mazhilis\n\nMore text.".encode("latin-1"), "UTF-8"),
    "furniture.txt": (b"Skip to content\n\nRead also:\n\n    Latest\n", "furniture"),
}


class BadSeedTests:
    @pytest.mark.parametrize("name", BAD_FILES)
    def test_bad_file_is_named_with_its_reason_and_adds_nothing(self, tmp_path, name):
        content, reason = BAD_FILES[name]
        good = tmp_path / "good.txt"
        shutil.copy(SEEDS / WORKSHOPS, good)
        bad = tmp_path / name
        bad.write_bytes(content)
        err = StringIO()
        with pytest.raises(CommandError, match="1 file"):
            call_command("load_seeds", str(tmp_path), stdout=StringIO(), stderr=err)
        line = next(line for line in err.getvalue().splitlines() if name in line)
        assert "skipped" in line
        assert reason.lower() in line.lower()
        assert list(Article.objects.values_list("source_file", flat=True)) == ["good.txt"]


def registry_of(aliases, *, per_institution=5):
    """A registry file text naming ``aliases`` spread over institutions."""
    entries = []
    for first in range(0, len(aliases), per_institution):
        number = first // per_institution
        names = ", ".join(f'{{ name = "{a}" }}' for a in aliases[first : first + per_institution])
        entries.append(
            f'[[institution]]\nslug = "agency-{number}"\nname = "Agency {number}"\n'
            f'classification = "agency"\naliases = [{names}]\n'
        )
    return "\n".join(entries)


TASK_BACKENDS = {
    "immediate": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    "database": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
}


# Real commits: the registry's relink is queued when its import commits.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("backend", TASK_BACKENDS)
class RegistryRelinkTests:
    ALIASES = [f"Regional Office {chr(65 + n // 26)}{chr(65 + n % 26)}" for n in range(500)]

    @pytest.fixture
    def big_registry(self, tmp_path):
        path = tmp_path / "registry.toml"
        path.write_text(registry_of(self.ALIASES), encoding="utf-8")
        return path

    def test_a_registry_of_500_aliases_relinks_the_articles_naming_them(
        self, big_registry, backend, settings
    ):
        settings.TASKS = TASK_BACKENDS[backend]
        article = make_article(body=f"Staff of the {self.ALIASES[250]} met on Monday.")
        out, _ = load(big_registry)
        assert "Relinking after the registry import: up to date" in out
        assert [m.entity.slug for m in article.mentions.all()] == ["agency-50"]
        assert RelinkJob.objects.get().state == RelinkJob.State.DONE

    def test_a_failed_relink_fails_the_command_and_shows_in_the_admin(
        self, big_registry, backend, settings, monkeypatch, admin_client
    ):
        settings.TASKS = TASK_BACKENDS[backend]
        make_article(body=f"Staff of the {self.ALIASES[250]} met on Monday.")

        def broken_link_article(article, **kwargs):
            raise RuntimeError("the linker broke")

        monkeypatch.setattr(relinking, "link_article", broken_link_article)
        with pytest.raises(CommandError, match="the linker broke"):
            load(big_registry)
        assert str(RelinkJob.objects.get()) == "failed: the linker broke"
        agency = Institution.objects.get(slug="agency-50")
        page = admin_client.get(f"/admin/institutions/institution/{agency.pk}/change/")
        assert "failed: the linker broke" in page.text
        listing = admin_client.get("/admin/institutions/relinkjob/")
        assert "the linker broke" in listing.text

    def test_a_relink_whose_failure_cannot_be_recorded_fails_the_command(
        self, big_registry, backend, settings, monkeypatch
    ):
        settings.TASKS = TASK_BACKENDS[backend]

        def broken_link_article(article, **kwargs):
            raise RuntimeError("the linker broke")

        def database_gone(job, error):
            raise OperationalError("database is locked")

        make_article(body=f"Staff of the {self.ALIASES[250]} met on Monday.")
        monkeypatch.setattr(relinking, "link_article", broken_link_article)
        monkeypatch.setattr(RelinkJob, "fail", database_gone)
        with pytest.raises(CommandError) as error:
            load(big_registry)
        message = str(error.value)
        assert "The registry was imported" in message
        assert "100 entities" in message
        assert "database is locked" in message
        assert "No article file was loaded" in message

    def test_a_relink_that_could_not_be_queued_fails_the_command(
        self, big_registry, backend, settings, monkeypatch, seed_dir
    ):
        settings.TASKS = TASK_BACKENDS[backend]

        def cannot_queue(batch):
            raise OperationalError("no such table: institutions_relinkjob")

        monkeypatch.setattr(tasks._RelinkBatch, "__call__", cannot_queue)
        shutil.copy(big_registry, seed_dir / "registry.toml")
        with pytest.raises(CommandError, match="no such table: institutions_relinkjob"):
            load(seed_dir)
        assert Institution.objects.filter(slug="agency-50").exists()
        assert not Article.objects.exists()
