"""The picture a shared article shows when it has no photo: a card drawn with its headline."""

import io

import pytest
from django.core.files.storage import default_storage
from django_tasks import task_backends
from PIL import Image

from articles.cards import card_name
from articles.models import Article
from tests.factories import make_article
from tests.pages import jsonld

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.NEWSROOM_SITE_URL = "https://news.example"


class ShareCardTests:
    def test_an_article_without_a_photo_shares_its_card(self, client, site):
        article = make_article("Budget passes")
        html = client.get(article.get_absolute_url()).content.decode()
        card = "https://news.example/articles/budget-passes/card.png"
        assert f'<meta property="og:image" content="{card}">' in html
        assert '<meta property="og:image:width" content="1200">' in html
        assert '<meta property="og:image:height" content="630">' in html
        assert '<meta name="twitter:card" content="summary_large_image">' in html
        assert f'<meta name="twitter:image" content="{card}">' in html
        image = jsonld(client.get(article.get_absolute_url()))["image"]
        assert image == {"@type": "ImageObject", "url": card, "width": 1200, "height": 630}

    def test_the_card_is_a_1200_by_630_picture_kept_for_a_day(self, client):
        article = make_article("Budget passes")
        response = client.get("/articles/budget-passes/card.png")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert "max-age=86400" in response["Cache-Control"]
        picture = Image.open(io.BytesIO(b"".join(response.streaming_content)))
        assert picture.size == (1200, 630)
        assert default_storage.exists(card_name(article))

    def test_a_new_headline_draws_a_new_card(self, client):
        article = make_article("Budget passes")
        client.get("/articles/budget-passes/card.png")
        first = card_name(article)
        article.title = "Budget passes at second reading"
        article.save()
        client.get("/articles/budget-passes/card.png")
        assert card_name(article) != first
        assert default_storage.exists(card_name(article))

    def test_the_logo_stands_in_while_a_worker_draws_it(self, client, settings):
        article = make_article("Budget passes")
        # Queued for a worker, as in production, rather than run at once.
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
        response = client.get("/articles/budget-passes/card.png")
        assert response.status_code == 302
        assert response["Location"].startswith("/static/icons/icon-512")
        assert "no-cache" in response["Cache-Control"]
        (queued,) = task_backends["default"].results
        assert queued.task.name == "draw_share_card"
        assert queued.args == [article.pk]

    def test_a_draft_has_no_card(self, client):
        make_article("Secret plans", status=Article.Status.DRAFT)
        assert client.get("/articles/secret-plans/card.png").status_code == 404

    def test_the_card_of_a_russian_article_is_at_its_russian_address(self, client, site):
        article = make_article("Бюджет принят", slug="byudzhet-prinyat", language="ru")
        image = jsonld(client.get(article.get_absolute_url()))["image"]
        assert image["url"] == "https://news.example/ru/articles/byudzhet-prinyat/card.png"
        assert client.get("/ru/articles/byudzhet-prinyat/card.png").status_code == 200
