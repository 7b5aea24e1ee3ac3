"""An article page rendered from the database reads its costly parts (its own story, who
and what it mentions, related articles, translations, byline) from the shared cache while
nothing they show has changed, and shows a change at once."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import override as translation_override

from articles import services
from articles.models import Article, Mention
from tests.factories import (
    make_appointment,
    make_article,
    make_author,
    make_institution,
    make_mention,
    make_official,
    make_post,
    make_section,
)
from tests.pages import jsonld_blocks

# Every request renders its page from the database.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


@pytest.fixture
def newsroom(committed):
    """A story by a journalist naming the Mazhilis and an official who was the Senate's
    speaker on the day, and an older story naming the Mazhilis too. (No title names
    anyone: the linker adds no mention of its own.)"""
    with committed():
        mazhilis = make_institution("Mazhilis")
        senate = make_institution("Senate")
        official = make_official("Yerlan Koshanov")
        make_appointment(official, make_post(senate, "Speaker"), start_date=dt.date(2020, 1, 1))
        story = make_article(
            "Agreement ratified",
            published_at=timezone.now() - dt.timedelta(hours=1),
        )
        author = make_author("Aida Bekova")
        story.authors.add(author)
        # Confirmed by an editor: relinking the saved text keeps them.
        make_mention(story, mazhilis, state=Mention.State.CONFIRMED)
        make_mention(story, official, state=Mention.State.CONFIRMED, is_about=True)
        older = make_article("Deputies meet", published_at=timezone.now() - dt.timedelta(days=2))
        make_mention(older, mazhilis, state=Mention.State.CONFIRMED)
    return {
        "story": story,
        "mazhilis": mazhilis,
        "senate": senate,
        "official": official,
        "author": author,
    }


def read(article):
    return Client().get(article.get_absolute_url()).content.decode()


STORY = "articles/includes/story.html"


def templates_rendered(article):
    return [template.name for template in Client().get(article.get_absolute_url()).templates]


def without_nonce(page):
    return re.sub(r'nonce="[^"]+"', 'nonce=""', page)


class KeptPartsTests:
    def test_a_page_rendered_again_reads_only_its_article(
        self, newsroom, django_assert_num_queries
    ):
        read(newsroom["story"])
        # The article with its section: mentions, roles, related articles, translations
        # and authors come from the cache.
        with django_assert_num_queries(1):
            read(newsroom["story"])

    def test_a_page_rendered_again_is_the_same_page(self, newsroom):
        first = read(newsroom["story"])
        assert "Yerlan Koshanov" in first
        assert "Deputies meet" in first
        assert "Aida Bekova" in first
        assert without_nonce(read(newsroom["story"])) == without_nonce(first)

    def test_a_page_rendered_again_reads_its_story_rather_than_rendering_it(self, newsroom):
        assert STORY in templates_rendered(newsroom["story"])
        assert STORY not in templates_rendered(newsroom["story"])

    def test_a_page_rendered_after_an_edit_to_a_related_article_keeps_its_story(
        self, newsroom, editor, committed
    ):
        read(newsroom["story"])
        older = Article.objects.get(title="Deputies meet")
        with committed():
            older.title = "Deputies meet in closed session"
            services.article_save(article=older, by=editor)
        rendered = templates_rendered(newsroom["story"])
        assert "includes/related_articles.html" in rendered
        assert STORY not in rendered

    def test_without_a_shared_cache_every_part_is_made_each_time(
        self, newsroom, settings, django_assert_num_queries
    ):
        settings.NEWSROOM_FRAGMENT_CACHE = False
        read(newsroom["story"])
        with django_assert_num_queries(6):
            read(newsroom["story"])


class RetiredPartsTests:
    def test_renaming_a_mentioned_institution_shows_at_once(self, newsroom, committed):
        read(newsroom["story"])
        with committed():
            newsroom["mazhilis"].name = "Majilis"
            newsroom["mazhilis"].save()
        page = Client().get(newsroom["story"].get_absolute_url())
        assert ">Majilis</a>" in page.text
        assert [m["name"] for m in jsonld_blocks(page)[0]["mentions"]] == [
            "Majilis",
            "Yerlan Koshanov",
        ]

    def test_renaming_the_institution_of_an_officials_post_shows_at_once(self, newsroom, committed):
        assert "Speaker, Senate" in read(newsroom["story"])
        with committed():
            newsroom["senate"].name = "Senate of Kazakhstan"
            newsroom["senate"].save()
        assert "Speaker, Senate of Kazakhstan" in read(newsroom["story"])

    def test_a_rejected_mention_leaves_the_box(self, newsroom, committed):
        read(newsroom["story"])
        with committed():
            newsroom["story"].mentions.filter(entity=newsroom["official"]).update(
                state=Mention.State.REJECTED
            )
            # A bulk update sends no signal: the desk saves each decision.
            for mention in newsroom["story"].mentions.all():
                mention.save()
        assert "Yerlan Koshanov" not in read(newsroom["story"])

    def test_a_new_article_naming_the_same_entity_is_related(self, newsroom, committed):
        assert "Budget adopted" not in read(newsroom["story"])
        with committed():
            newer = make_article("Budget adopted")
            make_mention(newer, newsroom["mazhilis"], state=Mention.State.CONFIRMED)
            make_mention(newer, newsroom["official"], state=Mention.State.CONFIRMED)
        assert "Budget adopted" in read(newsroom["story"])

    def test_a_scheduled_article_is_related_once_its_time_comes(
        self, newsroom, editor, committed, monkeypatch
    ):
        read(newsroom["story"])
        with committed():
            scheduled = make_article("Budget adopted", status=Article.Status.DRAFT)
            make_mention(scheduled, newsroom["mazhilis"], state=Mention.State.CONFIRMED)
            make_mention(scheduled, newsroom["official"], state=Mention.State.CONFIRMED)
            scheduled.published_at = timezone.now() + dt.timedelta(hours=1)
            services.article_publish(article=scheduled, by=editor)
        assert "Budget adopted" not in read(newsroom["story"])
        later = timezone.now() + dt.timedelta(hours=2)
        monkeypatch.setattr(timezone, "now", lambda: later)
        assert "Budget adopted" in read(newsroom["story"])

    def test_an_edited_related_article_shows_its_new_title(self, newsroom, editor, committed):
        read(newsroom["story"])
        older = Article.objects.get(title="Deputies meet")
        with committed():
            older.title = "Deputies meet in closed session"
            services.article_save(article=older, by=editor)
        assert "Deputies meet in closed session" in read(newsroom["story"])

    def test_an_edit_to_the_article_shows_in_its_story_and_head(self, newsroom, editor, committed):
        read(newsroom["story"])
        story = Article.objects.get(pk=newsroom["story"].pk)
        with committed():
            story.title = "Agreement ratified by both chambers"
            story.dek = "The Senate voted last."
            story.body = "Both chambers voted."
            services.article_save(article=story, by=editor)
        page = Client().get(story.get_absolute_url())
        assert re.search(r"<h1[^>]*>Agreement ratified by both chambers</h1>", page.text)
        assert '<meta property="og:title" content="Agreement ratified by both chambers">' in (
            page.text
        )
        assert '<meta name="description" content="The Senate voted last.">' in page.text
        assert "Both chambers voted." in page.text
        assert jsonld_blocks(page)[0]["headline"] == "Agreement ratified by both chambers"

    def test_a_renamed_section_shows_in_the_kicker(self, newsroom, editor, committed):
        with committed():
            section = make_section("Parliament")
            story = Article.objects.get(pk=newsroom["story"].pk)
            story.section = section
            services.article_save(article=story, by=editor)
        assert ">Parliament</a></p>" in read(story)
        with committed():
            section.name = "Parliament and Senate"
            section.save()
        assert ">Parliament and Senate</a></p>" in read(story)

    def test_a_renamed_author_shows_in_the_byline(self, newsroom, committed):
        read(newsroom["story"])
        with committed():
            newsroom["author"].name = "Aida Bekova-Nurlanovna"
            newsroom["author"].save()
        assert "Aida Bekova-Nurlanovna</a>" in read(newsroom["story"])

    def test_a_published_translation_is_linked(self, newsroom, editor, committed):
        assert "story__translations" not in read(newsroom["story"])
        with committed():
            translation = make_article(
                "Соглашение ратифицировано",
                language="ru",
                translation_of=newsroom["story"],
                status=Article.Status.DRAFT,
            )
            translation.status = Article.Status.PUBLISHED
            translation.published_at = timezone.now()
            services.article_save(article=translation, by=editor)
        with translation_override("ru"):
            address = translation.get_absolute_url()
        also_in = re.search(r'<p class="story__translations">.*?</p>', read(newsroom["story"]))
        assert f'<a href="{address}" hreflang="ru" lang="ru">Русский</a>' in also_in[0]


class UnpublishedArticleTests:
    def test_a_draft_shows_its_new_mention_at_once_though_saving_it_retires_nothing(
        self, editor_client, committed
    ):
        mazhilis = make_institution("Mazhilis")
        draft = make_article("Vote due", status=Article.Status.DRAFT)
        assert ">Mazhilis</a>" not in editor_client.get(draft.get_absolute_url()).text
        with committed():
            make_mention(draft, mazhilis, state=Mention.State.CONFIRMED)
        assert ">Mazhilis</a>" in editor_client.get(draft.get_absolute_url()).text
