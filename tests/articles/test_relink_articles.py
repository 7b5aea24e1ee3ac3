from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


class RelinkArticlesTests:
    @pytest.fixture
    def stale(self):
        article = make_article("Stale", body="The Mazhilis met.")
        Article.objects.filter(pk=article.pk).update(body_html="<p>stale</p>")
        return article

    def test_relinks_the_articles_named(self, stale):
        out = StringIO()
        call_command("relink_articles", stale.slug, stdout=out)
        assert "Relinked 1 article(s)" in out.getvalue()
        assert "The Mazhilis met." in Article.objects.get(pk=stale.pk).body_html

    def test_a_slug_that_names_no_article_relinks_nothing(self, stale):
        with pytest.raises(CommandError, match="No article with the slug: no-such-story"):
            call_command("relink_articles", stale.slug, "no-such-story", stdout=StringIO())
        assert Article.objects.get(pk=stale.pk).body_html == "<p>stale</p>"
