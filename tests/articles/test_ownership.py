"""Who may open and edit which article: reporters their own drafts and those shared with
them, editors every article; at every door of the desk and in the services."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import services
from articles.models import Article, Occurrence
from institutions.models import Alias
from tests.admin_forms import article_form
from tests.factories import make_alias, make_article, make_official

pytestmark = pytest.mark.django_db

# Names the linker only suggests, so the draft has a place waiting in the inbox.
BODY = "Askar Tokayev, a deputy from Almaty, asked about the confidential budget."


@pytest.fixture
def other_reporter(db):
    user = User.objects.create_user("ria", "ria@example.com", "correct-horse-battery")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Reporter"))
    return user


@pytest.fixture
def tokayev(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        official = make_official("Kassym-Jomart Tokayev", slug="kassym-jomart-tokayev")
        make_alias(official, "Tokayev", kind=Alias.Kind.SURNAME)
    return official


@pytest.fixture
def theirs(other_reporter, tokayev):
    """Another reporter's draft."""
    return make_article(
        "Their secret scoop", status=Article.Status.DRAFT, body=BODY, created_by=other_reporter
    )


@pytest.fixture
def mine(reporter):
    return make_article("My own story", status=Article.Status.DRAFT, created_by=reporter)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def place_of(article):
    return article.occurrences.get(state=Occurrence.State.SUGGESTED)


def assert_unchanged(article):
    version = article.version
    article.refresh_from_db()
    assert (article.title, article.version) == ("Their secret scoop", version)


class ArticleListTests:
    def test_a_reporter_lists_published_articles_and_their_own_drafts_only(
        self, reporter_client, mine, theirs
    ):
        make_article("Out already")
        html = reporter_client.get(reverse("admin:articles_article_changelist")).text
        assert "My own story" in html
        assert "Out already" in html
        assert "Their secret scoop" not in html

    def test_a_reporter_lists_a_draft_shared_with_them(self, reporter_client, reporter, theirs):
        theirs.shared_with.add(reporter)
        html = reporter_client.get(reverse("admin:articles_article_changelist")).text
        assert "Their secret scoop" in html

    def test_an_editor_lists_every_draft(self, editor_client, mine, theirs):
        html = editor_client.get(reverse("admin:articles_article_changelist")).text
        assert "My own story" in html
        assert "Their secret scoop" in html


class ChangeFormTests:
    @pytest.mark.parametrize("page", ["change", "history"])
    def test_a_reporter_cannot_open_another_reporters_draft(self, reporter_client, theirs, page):
        response = reporter_client.get(
            reverse(f"admin:articles_article_{page}", args=[theirs.pk]), follow=True
        )
        assert "Their secret scoop" not in response.text
        assert "Perhaps it was deleted?" in response.text

    def test_a_reporter_cannot_save_another_reporters_draft(self, reporter_client, theirs):
        reporter_client.post(change_url(theirs), article_form(theirs, title="Scooped"))
        assert_unchanged(theirs)

    def test_a_reporter_opens_and_saves_their_own_draft(self, reporter_client, mine):
        assert reporter_client.get(change_url(mine)).status_code == 200
        response = reporter_client.post(change_url(mine), article_form(mine, title="Mine, better"))
        assert response.status_code == 302
        mine.refresh_from_db()
        assert mine.title == "Mine, better"

    def test_a_reporter_edits_a_draft_shared_with_them(self, reporter_client, reporter, theirs):
        theirs.shared_with.add(reporter)
        response = reporter_client.post(change_url(theirs), article_form(theirs, title="Together"))
        assert response.status_code == 302
        theirs.refresh_from_db()
        assert theirs.title == "Together"

    def test_an_editor_edits_any_draft(self, editor_client, theirs):
        response = editor_client.post(change_url(theirs), article_form(theirs, title="Edited"))
        assert response.status_code == 302
        theirs.refresh_from_db()
        assert theirs.title == "Edited"

    def test_a_reporter_creating_an_article_is_its_author(self, reporter_client, reporter):
        draft = Article(title="Fresh", status=Article.Status.DRAFT)
        reporter_client.post(reverse("admin:articles_article_add"), article_form(draft))
        assert Article.objects.get(title="Fresh").created_by == reporter


class SharingTests:
    def test_the_author_shares_a_draft_from_the_form(
        self, client, other_reporter, reporter, theirs
    ):
        client.force_login(other_reporter)
        form = article_form(theirs, shared_with=[str(reporter.pk)])
        assert client.post(change_url(theirs), form).status_code == 302
        assert list(theirs.shared_with.all()) == [reporter]
        client.force_login(reporter)
        assert client.get(change_url(theirs)).status_code == 200

    def test_a_reporter_it_is_shared_with_cannot_share_it_further(
        self, reporter_client, reporter, editor, theirs
    ):
        theirs.shared_with.add(reporter)
        page = reporter_client.get(change_url(theirs)).text
        assert 'name="shared_with"' not in page
        form = article_form(theirs, shared_with=[str(reporter.pk), str(editor.pk)])
        assert reporter_client.post(change_url(theirs), form).status_code == 302
        assert list(theirs.shared_with.all()) == [reporter]


class RevisionTests:
    @pytest.mark.parametrize("name", ["revisions", "revision"])
    def test_a_reporter_cannot_read_the_revisions_of_another_reporters_draft(
        self, reporter_client, theirs, name
    ):
        args = [theirs.pk] if name == "revisions" else [theirs.pk, theirs.version]
        response = reporter_client.get(reverse(f"admin:articles_article_{name}", args=args))
        assert response.status_code == 404
        assert "Their secret scoop" not in response.text

    def test_a_reporter_cannot_restore_another_reporters_draft(self, reporter_client, theirs):
        url = reverse("admin:articles_article_revision_restore", args=[theirs.pk, 1])
        response = reporter_client.post(url, {"based_on_version": str(theirs.version)})
        assert response.status_code == 404
        assert_unchanged(theirs)


class ReviewTests:
    def test_a_reporter_cannot_decide_on_a_name_in_another_reporters_draft(
        self, reporter_client, theirs
    ):
        place = place_of(theirs)
        url = reverse("admin:articles_article_decide", args=[theirs.pk, place.pk])
        assert reporter_client.post(url, {"decision": "rejected"}).status_code == 404
        place.refresh_from_db()
        assert place.state == Occurrence.State.SUGGESTED

    @pytest.mark.parametrize(("who", "sees"), [("editor", True), ("reporter", False)])
    def test_the_inbox_shows_the_sentences_of_another_reporters_draft_to_editors_only(
        self, client, request, theirs, who, sees
    ):
        client.force_login(request.getfixturevalue(who))
        html = client.get(reverse("admin:articles_article_suggestions")).text
        assert ("confidential budget" in html) is sees

    @pytest.mark.parametrize(("who", "count"), [("editor", 1), ("reporter", 0)])
    def test_the_desk_counts_only_the_suggestions_one_may_open(
        self, client, request, theirs, who, count
    ):
        client.force_login(request.getfixturevalue(who))
        assert f"Suggestions waiting: {count}" in client.get(reverse("admin:index")).text


class TypeAheadTests:
    def search(self, client, term):
        response = client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "articles",
                "model_name": "article",
                "field_name": "translation_of",
                "term": term,
            },
        )
        assert response.status_code == 200
        return [result["text"] for result in response.json()["results"]]

    def test_a_reporter_does_not_find_another_reporters_draft(self, reporter_client, theirs, mine):
        assert self.search(reporter_client, "secret") == []
        assert self.search(reporter_client, "own") == ["My own story"]

    def test_an_editor_finds_it(self, editor_client, theirs):
        assert self.search(editor_client, "secret") == ["Their secret scoop"]

    def test_a_reporter_cannot_post_another_reporters_draft_as_the_original(
        self, reporter_client, mine, theirs
    ):
        response = reporter_client.post(
            change_url(mine), article_form(mine, translation_of=str(theirs.pk))
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.text
        mine.refresh_from_db()
        assert mine.translation_of is None

    def test_an_original_an_editor_chose_does_not_stop_the_author_saving(
        self, reporter_client, mine, theirs
    ):
        mine.translation_of = theirs
        services.article_save(article=mine, by=None)
        response = reporter_client.post(
            change_url(mine), article_form(mine, title="Mine, translated")
        )
        assert response.status_code == 302
        mine.refresh_from_db()
        assert (mine.title, mine.translation_of) == ("Mine, translated", theirs)


class PreviewTests:
    def test_a_reporter_cannot_preview_another_reporters_draft(self, reporter_client, theirs):
        assert reporter_client.get(theirs.get_absolute_url()).status_code == 404

    def test_a_reporter_previews_their_own_draft(self, reporter_client, mine):
        response = reporter_client.get(mine.get_absolute_url())
        assert response.status_code == 200
        assert "My own story" in response.text

    def test_an_editor_previews_any_draft(self, editor_client, theirs):
        assert editor_client.get(theirs.get_absolute_url()).status_code == 200


class ServiceTests:
    def test_saving_another_reporters_draft_is_refused(self, reporter, theirs):
        theirs.title = "Scooped"
        with pytest.raises(PermissionDenied):
            services.article_save(article=theirs, by=reporter)
        assert_unchanged(theirs)

    def test_restoring_another_reporters_draft_is_refused(self, reporter, theirs):
        with pytest.raises(PermissionDenied):
            services.article_restore(article=theirs, revision=theirs.revisions.first(), by=reporter)
        assert_unchanged(theirs)

    def test_a_reporter_cannot_save_a_published_article(self, reporter):
        article = make_article("Out already")
        with pytest.raises(PermissionDenied):
            services.article_save(article=article, by=reporter)

    def test_a_reporter_cannot_publish_their_own_draft(self, reporter, mine):
        mine.status = Article.Status.PUBLISHED
        with pytest.raises(PermissionDenied):
            services.article_save(article=mine, by=reporter)
        mine.refresh_from_db()
        assert mine.status == Article.Status.DRAFT

    def test_a_shared_draft_saves(self, reporter, theirs):
        services.article_share(article=theirs, users=[reporter], by=theirs.created_by)
        theirs.title = "Together"
        services.article_save(article=theirs, by=reporter)
        theirs.refresh_from_db()
        assert theirs.title == "Together"

    def test_only_the_author_or_an_editor_shares(self, reporter, editor, theirs):
        with pytest.raises(PermissionDenied):
            services.article_share(article=theirs, users=[reporter], by=reporter)
        assert not theirs.shared_with.exists()
        services.article_share(article=theirs, users=[reporter], by=editor)
        assert list(theirs.shared_with.all()) == [reporter]

    def test_a_new_article_belongs_to_whoever_saves_it(self, reporter):
        article = services.article_save(article=Article(title="Fresh"), by=reporter)
        assert article.created_by == reporter
