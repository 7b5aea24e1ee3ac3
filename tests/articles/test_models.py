import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.models import Article, Mention
from tests.factories import make_article, make_institution, make_mention

pytestmark = pytest.mark.django_db


class ArticleTests:
    def test_slug_is_made_from_the_title(self):
        assert make_article("Lu Ban workshops open in Kazakhstan").slug == (
            "lu-ban-workshops-open-in-kazakhstan"
        )

    def test_duplicate_title_gets_a_unique_slug(self):
        make_article("Same headline")
        assert make_article("Same headline").slug == "same-headline-2"

    def test_publishing_without_a_date_sets_one(self):
        article = make_article(status=Article.Status.DRAFT)
        article.status = Article.Status.PUBLISHED
        article.save()
        assert article.published_at is not None

    def test_database_refuses_a_published_article_without_a_date(self):
        article = make_article(status=Article.Status.DRAFT)
        with pytest.raises(IntegrityError), transaction.atomic():
            Article.objects.filter(pk=article.pk).update(status="published", published_at=None)

    def test_url_is_under_articles(self):
        assert make_article("Hello").get_absolute_url() == "/articles/hello/"


class ArticleQuerySetTests:
    def test_published_hides_drafts_reviews_and_scheduled_articles(self):
        visible = make_article("Visible")
        make_article("Draft", status=Article.Status.DRAFT)
        make_article("Review", status=Article.Status.REVIEW)
        make_article("Scheduled", published_at=timezone.now() + timezone.timedelta(days=1))
        assert list(Article.objects.published()) == [visible]

    def test_mentioning_leaves_out_rejected_and_pending_mentions(self):
        entity = make_institution("Mazhilis")
        linked = make_article("Linked")
        make_mention(linked, entity)
        make_mention(make_article("Rejected"), entity, state=Mention.State.REJECTED)
        make_mention(make_article("Suggested"), entity, state=Mention.State.SUGGESTED)
        assert list(Article.objects.published().mentioning(entity)) == [linked]

    def test_search_sees_text_changed_by_a_bulk_update(self):
        article = make_article("Budget", body="Numbers.")
        Article.objects.filter(pk=article.pk).update(body="The workshop opens.")
        assert list(Article.objects.search("workshop")) == [article]

    def test_search_sees_articles_created_in_bulk(self):
        (article,) = Article.objects.bulk_create(
            [Article(title="Bulk", slug="bulk", body="A vocational college.")]
        )
        assert list(Article.objects.search("vocational")) == [article]

    def test_search_ranks_a_title_match_above_a_body_match(self):
        in_body = make_article("Budget", body="The workshop opens.")
        two_days_ago = timezone.now() - timezone.timedelta(days=2)
        in_title = make_article("Workshop opens", body="Numbers.", published_at=two_days_ago)
        results = list(Article.objects.search("workshop"))
        # Other databases cannot rank: newest first.
        expected = [in_title, in_body] if connection.vendor == "postgresql" else [in_body, in_title]
        assert results == expected

    def test_for_listing_orders_newest_first(self):
        older = make_article("Older", published_at=timezone.now() - timezone.timedelta(days=2))
        newer = make_article("Newer")
        assert list(Article.objects.for_listing()) == [newer, older]

    def test_next_publication_is_the_soonest_scheduled_article(self):
        soon = timezone.now() + timezone.timedelta(hours=1)
        make_article("Out already")
        make_article("Soon", published_at=soon)
        make_article("Later", published_at=soon + timezone.timedelta(days=1))
        earlier = soon - timezone.timedelta(minutes=30)
        make_article("Draft with a date", status=Article.Status.DRAFT, published_at=earlier)
        assert Article.objects.next_publication() == soon

    def test_next_publication_is_none_when_nothing_is_scheduled(self):
        make_article("Out already")
        assert Article.objects.next_publication() is None


class MentionTests:
    def test_the_entity_page_index_covers_exactly_the_public_states(self):
        # Meta cannot name Mention.PUBLIC_STATES, so the index spells the states out.
        (index,) = [i for i in Mention._meta.indexes if i.name == "mention_public_by_entity"]
        (lookup, states) = index.condition.children[0]
        assert lookup == "state__in"
        assert sorted(states) == sorted(Mention.PUBLIC_STATES)

    def test_database_keeps_one_mention_per_article_and_entity(self):
        article, entity = make_article(), make_institution()
        make_mention(article, entity)
        with pytest.raises(IntegrityError), transaction.atomic():
            make_mention(article, entity)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class ArticleLanguageMigrationTests:
    def migrate(self, targets):
        executor = MigrationExecutor(connection)
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    def test_existing_articles_get_the_language_of_their_text(self):
        try:
            old = self.migrate([("articles", "0012_revision_drop_columns")]).get_model(
                "articles", "Article"
            )
            old.objects.create(title="Сенат", slug="kk", body="Сенат заңды мақұлдады.")
            old.objects.create(title="Сенат", slug="ru", body="Сенат одобрил закон.")
            old.objects.create(title="Senate", slug="en", body="The Senate passed the law.")
            new = self.migrate([("articles", "0013_article_language")]).get_model(
                "articles", "Article"
            )
            assert dict(new.objects.values_list("slug", "language")) == {
                "kk": "kk",
                "ru": "ru",
                "en": "en",
            }
        finally:
            self.migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
