"""An entity's page keeps its fact box and JSON-LD as a part of the page: an edit to an
article on its list makes the page again but not them, and a change to anything they
show makes them again at once."""

import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from articles import services
from articles.models import Mention
from tests.factories import (
    make_appointment,
    make_article,
    make_institution,
    make_mention,
    make_official,
    make_post,
)
from tests.pages import JSONLD, read_as_reader

# Every request renders its page from the database.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

FACT_BOX = "institutions/includes/fact_box.html"
MAZHILIS = "/institutions/mazhilis/"
KOSHANOV = "/officials/yerlan-koshanov/"


@pytest.fixture
def newsroom(committed):
    """The Mazhilis, part of Parliament, with its Speaker; two stories name them both."""
    with committed():
        parliament = make_institution("Parliament", slug="parliament")
        mazhilis = make_institution("Mazhilis", slug="mazhilis", parent=parliament)
        koshanov = make_official("Yerlan Koshanov", slug="yerlan-koshanov")
        make_appointment(koshanov, make_post(mazhilis, "Speaker"), start_date=dt.date(2022, 2, 1))
        stories = []
        for days, title in enumerate(["Budget adopted", "Deputies meet"], start=1):
            story = make_article(title, published_at=timezone.now() - dt.timedelta(days=days))
            for entity in (mazhilis, koshanov):
                make_mention(story, entity, state=Mention.State.CONFIRMED)
            stories.append(story)
    return {
        "parliament": parliament,
        "mazhilis": mazhilis,
        "koshanov": koshanov,
        "stories": stories,
    }


def fact_box(page):
    return re.search(r'<aside class="fact-box".*?</aside>', page, re.S)[0]


def jsonld(page):
    return json.loads(JSONLD.search(page)[1])


class FactBoxCacheTests:
    @pytest.mark.parametrize("url", [MAZHILIS, KOSHANOV])
    def test_a_page_rendered_again_shows_the_same_fact_box_without_making_it(
        self, newsroom, rendered_templates, url
    ):
        first = read_as_reader(url)
        assert rendered_templates.count(FACT_BOX) == 1
        again = read_as_reader(url)
        assert rendered_templates.count(FACT_BOX) == 1
        assert fact_box(again) == fact_box(first)
        assert jsonld(again) == jsonld(first)

    @pytest.mark.parametrize("url", [MAZHILIS, KOSHANOV])
    def test_a_title_edit_shows_at_once_and_leaves_the_fact_box_kept(
        self, newsroom, editor, committed, rendered_templates, django_assert_max_num_queries, url
    ):
        read_as_reader(url)
        story = newsroom["stories"][0]
        with committed():
            story.title = "Budget adopted after a long night"
            services.article_save(article=story, by=editor)
        rendered_templates.clear()
        with django_assert_max_num_queries(6):
            page = read_as_reader(url)
        assert "Budget adopted after a long night" in page
        assert rendered_templates.count(FACT_BOX) == 0
        assert "Often mentioned with" in fact_box(page)

    def test_the_box_and_its_json_ld_come_from_the_kept_part(self, newsroom):
        read_as_reader(KOSHANOV)
        page = read_as_reader(KOSHANOV)
        assert "Speaker, " in fact_box(page)
        assert jsonld(page)["jobTitle"] == ["Speaker"]
        assert jsonld(page)["name"] == "Yerlan Koshanov"

    def test_a_new_appointment_shows_at_once(self, newsroom, committed):
        assert "Nurlan Nigmatulin" not in fact_box(read_as_reader(MAZHILIS))
        with committed():
            deputy = make_official("Nurlan Nigmatulin")
            make_appointment(deputy, make_post(newsroom["mazhilis"], "Deputy Speaker"))
        box = fact_box(read_as_reader(MAZHILIS))
        assert "Deputy Speaker" in box
        assert "Nurlan Nigmatulin" in box

    def test_renaming_an_entity_the_box_names_shows_at_once(self, newsroom, committed):
        assert "Parliament" in fact_box(read_as_reader(MAZHILIS))
        assert "Yerlan Koshanov" in fact_box(read_as_reader(MAZHILIS))
        with committed():
            newsroom["parliament"].name = "Parliament of Kazakhstan"
            newsroom["parliament"].save()
            newsroom["koshanov"].name = "Erlan Koshanov"
            newsroom["koshanov"].save()
        box = fact_box(read_as_reader(MAZHILIS))
        assert "Parliament of Kazakhstan" in box
        assert "Erlan Koshanov" in box
        assert "Yerlan Koshanov" not in box

    def test_a_new_story_changes_the_span_and_who_it_is_named_with(self, newsroom, committed):
        before = fact_box(read_as_reader(MAZHILIS))
        assert "Senate" not in before
        with committed():
            senate = make_institution("Senate")
            story = make_article("Joint session", published_at=timezone.now())
            for entity in (newsroom["mazhilis"], senate):
                make_mention(story, entity, state=Mention.State.CONFIRMED)
        after = fact_box(read_as_reader(MAZHILIS))
        assert "Senate" in after
        last = re.search(r"Last mentioned</dt><dd><time datetime=\"([^\"]+)\"", after)[1]
        assert last.startswith(timezone.localdate().isoformat())

    def test_rejecting_a_mention_drops_it_from_who_it_is_named_with(self, newsroom, committed):
        assert "Yerlan Koshanov" in fact_box(read_as_reader(MAZHILIS))
        with committed():
            for mention in Mention.objects.filter(entity=newsroom["koshanov"]):
                mention.state = Mention.State.REJECTED
                mention.save()
        assert "Often mentioned with" not in fact_box(read_as_reader(MAZHILIS))

    def test_each_language_has_its_own_box(self, newsroom, committed):
        with committed():
            newsroom["parliament"].name_ru = "Парламент"
            newsroom["parliament"].save()
        assert "Парламент" not in fact_box(read_as_reader(MAZHILIS))
        assert "Парламент" in fact_box(read_as_reader("/ru" + MAZHILIS))
        assert "Парламент" not in fact_box(read_as_reader(MAZHILIS))
