"""The registry in Popolo: the API's document, and the export and import commands."""

import json
import tomllib
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from api.popolo import from_popolo, to_popolo
from articles.models import Article
from institutions.models import Entity
from institutions.registry import load_registry, read_registry
from institutions.services import registry_import

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR) / "seeds"


def export(path=None):
    out = StringIO()
    call_command("export_popolo", *([str(path)] if path else []), stdout=out, stderr=StringIO())
    return out.getvalue()


def empty_the_database():
    Article.objects.all().delete()
    Entity.objects.all().delete()


def links():
    """Each article's mentions (linked and suggested), by the file it was loaded from."""
    return {
        article.source_file: sorted(
            article.mentions.values_list("entity__slug", "state", "count", "snippet")
        )
        for article in Article.objects.all()
    }


@pytest.fixture
def seed_registry():
    registry_import(SEEDS / "registry.toml")


class PopoloExportTests:
    def test_holds_people_organizations_posts_and_dated_memberships(self, seed_registry):
        document = json.loads(export())
        tokayev = next(p for p in document["persons"] if p["id"] == "kassym-jomart-tokayev")
        assert {"name": "Токаев", "note": "surname", "lang": "ru"} in tokayev["other_names"]
        assert {"name": "Касым-Жомарт Токаев", "note": "display", "lang": "ru"} in tokayev[
            "other_names"
        ]
        xi = next(p for p in document["persons"] if p["id"] == "xi-jinping")
        assert xi["identifiers"] == [{"scheme": "wikidata", "identifier": "Q15031"}]
        kazakhstan = next(
            o for o in document["organizations"] if o["id"] == "republic-of-kazakhstan"
        )
        assert kazakhstan["identifiers"] == [{"scheme": "wikidata", "identifier": "Q232"}]
        assert {"id": "republic-of-kazakhstan/President", "label": "President"} | {
            "organization_id": "republic-of-kazakhstan"
        } in document["posts"]
        president = next(
            m
            for m in document["memberships"]
            if m["person_id"] == "kassym-jomart-tokayev"
            and m["organization_id"] == "republic-of-kazakhstan"
        )
        assert president["post_id"] == "republic-of-kazakhstan/President"
        assert president["start_date"] == "2019-03-20"

    def test_the_api_serves_the_same_document(self, client, seed_registry):
        assert client.get("/api/v1/popolo.json").json() == json.loads(export())

    def test_writes_a_file(self, seed_registry, tmp_path):
        path = tmp_path / "registry.json"
        export(path)
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads(export())


class PopoloRoundTripTests:
    def test_an_export_imported_into_an_empty_database_exports_identically(
        self, seed_registry, tmp_path
    ):
        path = tmp_path / "popolo.json"
        export(path)
        first = path.read_text(encoding="utf-8")
        empty_the_database()
        assert json.loads(export())["persons"] == []
        out = StringIO()
        call_command("import_popolo", str(path), stdout=out)
        assert "entities created" in out.getvalue()
        assert export() == first

    def test_seed_articles_link_the_same_way_after_the_registry_travels_as_popolo(self, tmp_path):
        call_command("load_seeds", stdout=StringIO(), stderr=StringIO())
        before = links()
        assert len(before) == 2 and all(before.values())
        path = tmp_path / "popolo.json"
        export(path)
        empty_the_database()
        call_command("import_popolo", str(path), stdout=StringIO())
        call_command("load_seeds", str(SEEDS / "articles"), stdout=StringIO(), stderr=StringIO())
        assert links() == before

    def test_a_dry_run_writes_nothing(self, seed_registry, tmp_path):
        path = tmp_path / "popolo.json"
        export(path)
        empty_the_database()
        out = StringIO()
        call_command("import_popolo", str(path), "--dry-run", stdout=out)
        assert "(dry run)" in out.getvalue()
        assert not Entity.objects.exists()


class PopoloImportErrorTests:
    @pytest.mark.parametrize(
        "document, message",
        [
            ("{not json", "not valid JSON"),
            ('["a list"]', "the document must be a JSON object"),
            ('{"persons": {"id": "x"}}', '"persons" must be a list of objects'),
            (
                '{"persons": [{"id": "x", "name": "X"}], "memberships": [{"person_id": "x"}]}',
                'membership #1: "post_id" names no post',
            ),
            (
                '{"organizations": [{"id": "Not A Slug", "name": "X", "classification": "state"}]}',
                'slug "Not A Slug" must be lowercase words',
            ),
            (
                '{"organizations": [{"id": "x", "name": "X", "classification": "club"}]}',
                'classification "club" is not one of',
            ),
            (
                '{"persons": [{"id": "x", "name": "X", "identifiers": '
                '[{"scheme": "wikidata", "identifier": "42"}]}]}',
                'wikidata "42" is not a Wikidata id',
            ),
        ],
    )
    def test_a_bad_document_adds_nothing_and_says_why(self, tmp_path, document, message):
        path = tmp_path / "bad.json"
        path.write_text(document, encoding="utf-8")
        with pytest.raises(CommandError) as error:
            call_command("import_popolo", str(path), stdout=StringIO())
        assert "bad.json" in str(error.value)
        assert message in str(error.value)
        assert not Entity.objects.exists()

    def test_a_missing_file_is_named(self, tmp_path):
        with pytest.raises(CommandError, match=r"Cannot read .*missing\.json"):
            call_command("import_popolo", str(tmp_path / "missing.json"))


class PopoloFormatTests:
    def test_the_registry_file_survives_popolo_both_ways(self):
        path = SEEDS / "registry.toml"
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        travelled = read_registry(from_popolo(json.loads(json.dumps(to_popolo(data)))), "x")
        assert travelled == load_registry(path)
