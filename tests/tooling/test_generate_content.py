import re

import pytest
from django.test import Client

from articles.linking.render import plain_text
from articles.linking.services import link_article
from articles.models import Article, Mention, Revision
from bench import synthetic
from bench.generate_content import main as generate
from institutions.models import Alias, Appointment, Entity, Institution, Official

pytestmark = pytest.mark.django_db

SMALL = ("--articles", "12", "--entities", "15", "--seed", "7", "--batch-size", "5")


def snapshot():
    """What a reader would see of the corpus, in a comparable form (row ids aside)."""
    articles = Article.objects.order_by("pk").values_list(
        "slug", "title", "dek", "body", "body_html"
    )
    return {
        "entities": list(Entity.objects.order_by("pk").values_list("name", "slug", "kind")),
        "aliases": sorted(Alias.objects.values_list("entity__slug", "name", "kind")),
        "articles": [
            (*fields, re.sub(r' data-entity="\d+"', "", html)) for *fields, html in articles
        ],
    }


def empty_database():
    Article.objects.all().delete()
    Entity.objects.all().delete()


@pytest.fixture
def output(capsys):
    generate([*SMALL, "--workers", "1"])
    return capsys.readouterr().out


class GenerateContentTests:
    def test_creates_published_articles_of_500_to_2000_words(self, output):
        articles = Article.objects.published()
        assert articles.count() == 12
        for article in articles:
            assert 500 <= len(plain_text(article.body).split()) <= 2000, article.title
            assert article.title and article.dek and article.byline and article.source_name

    def test_publication_dates_spread_over_the_past_years(self, output):
        span = Article.objects.date_span()
        assert (span["last"] - span["first"]).days > 30

    def test_creates_institutions_and_officials_with_aliases(self, output):
        assert Institution.objects.count() == 6
        assert Official.objects.count() == 9
        for official in Official.objects.all():
            kinds = set(official.aliases.values_list("kind", flat=True))
            assert "surname" in kinds, official
        assert Alias.objects.filter(name__regex=r"[\u0400-\u04ff]").exists()  # Cyrillic forms

    def test_appointments_end_after_they_start(self, output):
        appointments = Appointment.objects.all()
        assert appointments.exists()
        for appointment in appointments:
            assert appointment.end_date is None or appointment.start_date <= appointment.end_date

    def test_bodies_link_entity_pages(self, output, client):
        article = Article.objects.first()
        linked = [m.entity for m in article.mentions.public().select_related("entity")]
        assert linked
        for entity in linked:
            assert f'href="{entity.get_absolute_url()}"' in article.body_html
        assert client.get(linked[0].get_absolute_url()).status_code == 200

    def test_mentions_are_what_an_editor_save_would_record(self, output):
        article = Article.objects.first()
        fields = ("entity_id", "state", "count", "first_offset", "matched_text", "snippet")
        generated = sorted(article.mentions.values_list(*fields))
        html = article.body_html
        assert generated and all(count > 0 for _, _, count, *_ in generated)

        link_article(article)

        assert sorted(article.mentions.values_list(*fields)) == generated
        assert article.body_html == html

    def test_each_article_has_one_revision(self, output):
        assert Revision.objects.count() == 12
        article = Article.objects.first()
        revisions = article.revisions.values_list("version", "content__body")
        assert list(revisions) == [(1, article.body)]

    def test_article_page_shows_the_links(self, output, client):
        article = Article.objects.first()
        entity = article.mentions.public().select_related("entity").first().entity

        page = client.get(article.get_absolute_url()).content.decode()

        assert article.title in page
        assert f'href="{entity.get_absolute_url()}"' in page

    def test_reports_progress_per_batch_and_a_summary(self, output):
        lines = output.splitlines()
        assert lines[:3] == [
            line for line in lines if "articles/s)" in line and line.strip()[0].isdigit()
        ]
        assert [line.split()[0] for line in lines[:3]] == ["5/12", "10/12", "12/12"]
        mentions = Mention.objects.count()
        assert lines[-1].startswith("Created 6 institutions and 9 officials")
        assert f"12 published articles with {mentions} mentions" in lines[-1]

    def test_refuses_a_database_that_already_has_a_corpus(self, output):
        with pytest.raises(SystemExit, match="already holds 12 generated article"):
            generate([*SMALL])
        assert Article.objects.count() == 12

    def test_shows_at_once_on_cached_pages(self, django_capture_on_commit_callbacks):
        reader = Client()
        reader.get("/")
        assert "No articles yet" in reader.get("/").text  # from the page cache
        with django_capture_on_commit_callbacks(execute=True):
            generate(["--articles", "3", "--entities", "4", "--workers", "1"])
        assert "No articles yet" not in reader.get("/").text


class DeterminismTests:
    def test_same_seed_gives_the_same_content_with_any_number_of_workers(self):
        generate([*SMALL, "--workers", "1"])
        first = snapshot()
        empty_database()

        generate([*SMALL, "--workers", "2"])

        assert snapshot() == first

    def test_another_seed_gives_other_content(self):
        generate([*SMALL, "--workers", "1"])
        first = snapshot()
        empty_database()

        generate(["--articles", "12", "--entities", "15", "--seed", "8", "--workers", "1"])

        assert snapshot()["articles"] != first["articles"]
        assert snapshot()["entities"] != first["entities"]

    def test_world_and_articles_are_a_function_of_the_seed(self):
        world = synthetic.make_world("x", 40)
        again = synthetic.make_world("x", 40)
        assert world == again
        assert synthetic.make_article(world, "x", 3) == synthetic.make_article(again, "x", 3)


class SyntheticArticleTests:
    def test_a_longer_story_can_be_asked_for(self):
        world = synthetic.make_world("x", 40)

        body = synthetic.make_article(world, "x", 3, words=5000).body

        assert len(plain_text(body).split()) >= 5000


class BadArgumentTests:
    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("--articles", "-1"), "--articles must be 0 or more, not -1"),
            (("--entities", "-5"), "--entities must be 0 or more, not -5"),
            (("--batch-size", "0"), "--batch-size must be 1 or more, not 0"),
            (("--workers", "0"), "--workers must be 1 or more, not 0"),
            (("--articles", "3", "--entities", "0"), "--entities must be 1 or more"),
        ],
    )
    def test_bad_argument_is_named_and_nothing_is_created(self, args, message, capsys):
        with pytest.raises(SystemExit) as raised:
            generate(list(args))
        assert raised.value.code != 0
        assert message in capsys.readouterr().err
        assert not Entity.objects.exists()
        assert not Article.objects.exists()
