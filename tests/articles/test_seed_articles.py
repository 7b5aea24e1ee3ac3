"""The seed articles as a reader gets them after `load_seeds`."""

import json
import re

import pytest
from django.core.management import call_command

from articles.models import Article

pytestmark = pytest.mark.django_db

WORKSHOPS = "000_3518098ee76f5d4b.txt"
KOSHANOV = "003_ee734153082fbbda.txt"


@pytest.fixture
def seeded(db):
    call_command("load_seeds", stdout=open("/dev/null", "w"))
    return {article.source_file: article for article in Article.objects.all()}


def structured_data(client, article):
    html = client.get(article.get_absolute_url()).text
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0]), html


class SeedArticleTests:
    def test_workshops_article_mentions_its_entities(self, client, seeded):
        data, _ = structured_data(client, seeded[WORKSHOPS])
        assert data["@type"] == "NewsArticle"
        assert {m["name"] for m in data["mentions"]} == {
            "Lu Ban Workshop",
            "East Kazakhstan Technical University named after D. Serikbayev",
            "L.N. Gumilyov Eurasian National University",
            "Academy of Logistics and Transport",
            "Kassym-Jomart Tokayev",
            "Xi Jinping",
        }

    def test_koshanov_article_mentions_its_entities(self, client, seeded):
        data, _ = structured_data(client, seeded[KOSHANOV])
        names = {m["name"] for m in data["mentions"]}
        assert {
            "Yerlan Koshanov",
            "Mazhilis",
            "Lu Ban Workshop",
            "Sayasat Nurbek",
            "Tianjin Professional Institute",
        } <= names
        people = {m["name"] for m in data["mentions"] if m["@type"] == "Person"}
        assert people == {"Yerlan Koshanov", "Sayasat Nurbek"}

    def test_mentions_point_at_entity_pages(self, client, seeded):
        data, _ = structured_data(client, seeded[KOSHANOV])
        koshanov = next(m for m in data["mentions"] if m["name"] == "Yerlan Koshanov")
        assert koshanov["url"].endswith("/officials/yerlan-koshanov/")

    def test_body_links_each_entity_once(self, client, seeded):
        _, html = structured_data(client, seeded[WORKSHOPS])
        assert html.count('href="/institutions/lu-ban-workshop/"') >= 1
        body = seeded[WORKSHOPS].body_html
        assert body.count('href="/institutions/lu-ban-workshop/"') == 1
        assert body.count('href="/officials/kassym-jomart-tokayev/"') == 1

    def test_variant_spellings_link_to_one_entity(self, seeded):
        koshanov = seeded[KOSHANOV]
        mention = koshanov.mentions.get(entity__slug="lu-ban-workshop")
        # 'Luo Ban Workshop' in the standfirst and 'Lu Ban' in the body are one workshop.
        assert mention.count == 5
        speaker = koshanov.mentions.get(entity__slug="yerlan-koshanov")
        assert speaker.count == 3  # Erlan (standfirst), Yerlan (body), Koshanov (title)
