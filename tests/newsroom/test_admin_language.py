"""The admin speaks the language its editor chose, else the browser's; readers' pages
keep the language of their address."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
CHANGELIST = reverse("admin:articles_article_changelist")


def choose(client, language, next_url=INDEX):
    """Pick ``language`` in the admin header's switch, as an editor would."""
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


class ChosenLanguageTests:
    def test_the_header_offers_the_three_languages(self, editor_client):
        response = editor_client.get(INDEX)
        assert 'id="admin-language"' in response.text
        for code, name in (("en", "English"), ("ru", "Русский"), ("kk", "Қазақша")):
            assert f'<option value="{code}" lang="{code}"' in response.text
            assert f">{name}</option>" in response.text

    def test_choosing_russian_brings_the_editor_back_to_the_same_page(self, editor_client):
        response = choose(editor_client, "ru", CHANGELIST)
        assert response.status_code == 302
        assert response["Location"] == CHANGELIST

    def test_the_dashboard_in_russian(self, editor_client):
        choose(editor_client, "ru")
        response = editor_client.get(INDEX)
        assert '<html lang="ru"' in response.text
        assert "Администрирование Newsroom" in response.text
        assert ">Мои черновики</h2>" in response.text
        assert ">Ждут проверки</h2>" in response.text
        # Django's own strings switch with ours.
        assert "Выйти" in response.text
        assert response["Content-Language"] == "ru"

    def test_the_change_form_in_russian(self, editor_client):
        article = make_article("Budget passed", status=Article.Status.DRAFT)
        choose(editor_client, "ru")
        response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
        assert '<label class="required" for="id_title">Заголовок:</label>' in response.text
        assert "Заметка для редакции" in response.text
        assert "Одно-два предложения под заголовком." in response.text
        assert ">Ссылки для просмотра</h2>" in response.text

    def test_the_publication_confirmation_in_russian(self, editor_client):
        draft = make_article("Ready", status=Article.Status.REVIEW)
        choose(editor_client, "ru")
        response = editor_client.post(
            CHANGELIST, {"action": "publish_selected", "_selected_action": [draft.pk]}
        )
        assert "Опубликовать 1 статью?" in response.text
        assert 'value="Да, опубликовать их"' in response.text
        draft.refresh_from_db()
        assert draft.status == Article.Status.REVIEW

    def test_the_choice_outweighs_the_browser(self, editor_client):
        choose(editor_client, "ru")
        response = editor_client.get(INDEX, HTTP_ACCEPT_LANGUAGE="kk")
        assert '<html lang="ru"' in response.text

    def test_english_can_be_chosen_back(self, editor_client):
        choose(editor_client, "ru")
        choose(editor_client, "en")
        response = editor_client.get(INDEX, HTTP_ACCEPT_LANGUAGE="ru")
        assert ">My drafts</h2>" in response.text

    def test_a_language_the_site_lacks_is_not_taken(self, editor_client):
        choose(editor_client, "de")
        response = editor_client.get(INDEX)
        assert '<html lang="en"' in response.text


class BrowserLanguageTests:
    def test_a_kazakh_browser_gets_the_kazakh_admin_with_no_choice_made(self, editor_client):
        response = editor_client.get(INDEX, HTTP_ACCEPT_LANGUAGE="kk,ru;q=0.8,en;q=0.5")
        assert '<html lang="kk"' in response.text
        assert ">Менің жобаларым</h2>" in response.text
        assert "Newsroom басқаруы" in response.text
        assert "Accept-Language" in response["Vary"]

    def test_the_sign_in_page_follows_the_browser_too(self, client):
        response = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="ru")
        assert '<html lang="ru"' in response.text
        assert "Войти" in response.text

    def test_a_browser_asking_for_none_of_ours_gets_english(self, editor_client):
        response = editor_client.get(INDEX, HTTP_ACCEPT_LANGUAGE="de,fr;q=0.8")
        assert ">My drafts</h2>" in response.text


class PublicPagesStayWithTheirAddressTests:
    def test_the_admin_language_never_reaches_a_cached_public_page(self, editor_client, settings):
        make_article("Budget passed")
        choose(editor_client, "ru")
        assert '<html lang="ru"' in editor_client.get(INDEX).text
        # A reader's browser holding the same choice, and asking for Kazakh besides.
        chooser = Client(HTTP_ACCEPT_LANGUAGE="kk")
        chooser.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
        first = chooser.get("/")
        assert '<html lang="en">' in first.text
        stored = Client().get("/")
        assert '<html lang="en">' in stored.text
        assert "Accept-Language" not in stored["Vary"]
        assert '<html lang="ru">' in Client().get("/ru/").text
        assert '<html lang="kk">' in chooser.get("/kk/").text

    def test_the_editors_own_public_page_follows_its_address(self, editor_client):
        make_article("Budget passed")
        choose(editor_client, "kk")
        assert '<html lang="en">' in editor_client.get("/articles/budget-passed/").text
        assert '<html lang="ru">' in editor_client.get("/ru/articles/budget-passed/").text
