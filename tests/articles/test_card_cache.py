"""Lists of articles (the front page, the article list, an entity's page, a section's, an
author's) read each article's card from the shared cache while what it shows is
unchanged: an edit to one article makes only its card again, and shows at once."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles import services
from articles.models import Mention
from tests.factories import make_article, make_institution, make_mention
from tests.pages import read_as_reader

# Every request renders its page from the database.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

CARD = "includes/article_card.html"
# Each list, and how many cards it shows: the front page leads with the newest story.
LISTS = {"/": 2, "/articles/": 3, "/institutions/mazhilis/": 3}


@pytest.fixture
def newsroom(committed):
    """Three stories naming the Mazhilis."""
    with committed():
        mazhilis = make_institution("Mazhilis", slug="mazhilis")
        stories = []
        for days, title in enumerate(["Budget adopted", "Deputies meet", "Session opens"]):
            story = make_article(title, published_at=timezone.now() - dt.timedelta(days=days))
            make_mention(story, mazhilis, state=Mention.State.CONFIRMED)
            stories.append(story)
    return {"mazhilis": mazhilis, "stories": stories}


class CardCacheTests:
    @pytest.mark.parametrize("url, cards", LISTS.items())
    def test_a_list_rendered_again_makes_no_card(self, newsroom, rendered_templates, url, cards):
        first = read_as_reader(url)
        assert rendered_templates.count(CARD) == cards
        again = read_as_reader(url)
        assert rendered_templates.count(CARD) == cards
        for story in newsroom["stories"]:
            assert story.title in again
        assert again.count('<article class="card') == first.count('<article class="card') == cards

    @pytest.mark.parametrize("url", LISTS)
    def test_an_edit_makes_only_the_edited_card_again_and_shows_at_once(
        self, newsroom, editor, committed, rendered_templates, url
    ):
        read_as_reader(url)
        story = newsroom["stories"][1]
        with committed():
            story.title = "Deputies meet in closed session"
            services.article_save(article=story, by=editor)
        rendered_templates.clear()
        page = read_as_reader(url)
        assert "Deputies meet in closed session" in page
        assert rendered_templates.count(CARD) == 1

    def test_the_cards_made_for_a_list_are_kept_in_one_write(self, newsroom, monkeypatch):
        writes = []
        set_many = cache.set_many

        def counted(data, *args, **kwargs):
            writes.append(sorted(data))
            return set_many(data, *args, **kwargs)

        monkeypatch.setattr(cache, "set_many", counted)
        read_as_reader("/institutions/mazhilis/")
        # The page's fact box, then its three cards in one write.
        assert [len(names) for names in writes] == [1, 3]

    def test_a_renamed_entity_shows_on_every_card_naming_it(self, newsroom, committed):
        read_as_reader("/articles/")
        with committed():
            newsroom["mazhilis"].name = "Mazhilis of the Parliament"
            newsroom["mazhilis"].save()
        assert read_as_reader("/articles/").count(">Mazhilis of the Parliament</a>") == 3

    def test_a_rejected_mention_leaves_the_card(self, newsroom, committed):
        read_as_reader("/articles/")
        story = newsroom["stories"][0]
        with committed():
            mention = story.mentions.get()
            mention.state = Mention.State.REJECTED
            mention.save()
        page = read_as_reader("/articles/")
        card = page[page.index("Budget adopted") :].split("</article>")[0]
        assert "Mazhilis" not in card

    def test_each_language_has_its_cards(self, newsroom):
        assert 'aria-label="Mentioned"' in read_as_reader("/articles/")
        russian = read_as_reader("/ru/articles/")
        assert russian.count('aria-label="Упомянуты"') == 3
        assert 'aria-label="Mentioned"' not in russian

    def test_without_a_shared_cache_every_card_is_made_each_time(
        self, newsroom, settings, rendered_templates
    ):
        settings.NEWSROOM_FRAGMENT_CACHE = False
        read_as_reader("/articles/")
        read_as_reader("/articles/")
        assert rendered_templates.count(CARD) == 6
