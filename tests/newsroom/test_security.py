import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

pytestmark = pytest.mark.django_db

PAGES = ["/", "/articles/", "/admin/login/"]


def policy(response):
    directives = [part.split() for part in response["Content-Security-Policy"].split(";")]
    return {words[0]: words[1:] for words in directives if words}


class SecurityHeaderTests:
    @pytest.mark.parametrize("url", PAGES)
    def test_page_refuses_to_be_framed(self, client, url):
        assert client.get(url)["X-Frame-Options"] == "DENY"

    @pytest.mark.parametrize("url", PAGES)
    def test_page_sends_a_referrer_policy(self, client, url):
        assert client.get(url)["Referrer-Policy"] == "strict-origin-when-cross-origin"

    @pytest.mark.parametrize("url", PAGES)
    def test_page_forbids_content_type_sniffing(self, client, url):
        assert client.get(url)["X-Content-Type-Options"] == "nosniff"

    @pytest.mark.parametrize("url", PAGES)
    def test_scripts_come_only_from_the_site(self, client, url):
        script_src = policy(client.get(url))["script-src"]
        assert "'self'" in script_src
        assert "'unsafe-inline'" not in script_src
        assert "'unsafe-eval'" not in script_src

    def test_public_pages_allow_no_inline_styles(self, client):
        assert "'unsafe-inline'" not in policy(client.get("/articles/"))["style-src"]

    def test_admin_pages_allow_inline_styles_only(self, admin_client):
        directives = policy(admin_client.get("/admin/articles/article/add/"))
        assert "'unsafe-inline'" in directives["style-src"]
        assert "'unsafe-inline'" not in directives["script-src"]

    def test_policy_forbids_plugins_and_framing(self, client):
        directives = policy(client.get("/articles/"))
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]

    @override_settings(ROOT_URLCONF="tests.newsroom.urls")
    def test_structured_data_carries_the_nonce_the_policy_allows(self, client):
        response = client.get("/structured-data/")
        nonces = re.findall(r'nonce="([^"]+)"', response.text)
        assert len(nonces) == 2
        assert nonces[0] == nonces[1]
        assert f"'nonce-{nonces[0]}'" in policy(response)["script-src"]

    @override_settings(ROOT_URLCONF="tests.newsroom.urls")
    def test_each_response_gets_a_fresh_nonce(self, client):
        first = re.search(r'nonce="([^"]+)"', client.get("/structured-data/").text)
        second = re.search(r'nonce="([^"]+)"', client.get("/structured-data/").text)
        assert first[1] != second[1]

    @override_settings(
        SECURE_HSTS_SECONDS=31536000,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
        SECURE_HSTS_PRELOAD=True,
    )
    def test_https_responses_carry_hsts_in_production(self, client):
        response = client.get("/articles/", secure=True)
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_plain_http_is_redirected_to_https(self, client):
        response = client.get("/articles/")
        assert response.status_code == 301
        assert response["Location"].startswith("https://")


class SessionTests:
    def test_an_admin_session_lasts_a_working_day(self):
        assert settings.SESSION_COOKIE_AGE == 8 * 3600

    def test_session_cookie_is_hidden_from_scripts(self, admin_client):
        response = admin_client.get("/admin/")
        assert response.status_code == 200
        assert settings.SESSION_COOKIE_HTTPONLY
        assert settings.SESSION_COOKIE_SAMESITE == "Lax"


class LoginLockoutTests:
    @pytest.fixture
    def staff(self, db):
        return User.objects.create_user("sam", password="a-long-correct-password", is_staff=True)

    def login(self, client, username, password):
        return client.post(
            "/admin/login/?next=/admin/", {"username": username, "password": password}
        )

    def test_a_correct_password_logs_in(self, client, staff):
        assert self.login(client, "sam", "a-long-correct-password").status_code == 302

    def test_five_wrong_passwords_lock_the_account_out(self, client, staff):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert self.login(client, "sam", "wrong").status_code == 200
        response = self.login(client, "sam", "wrong")
        assert response.status_code == 429
        assert "Too many failed logins" in response.text
        assert "15 minutes" in response.text

    def test_a_locked_out_account_refuses_even_the_right_password(self, client, staff):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.login(client, "sam", "wrong")
        response = self.login(client, "sam", "a-long-correct-password")
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session

    def test_lockout_is_per_username(self, client, staff):
        User.objects.create_user("kim", password="another-long-password", is_staff=True)
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.login(client, "sam", "wrong")
        assert self.login(client, "kim", "another-long-password").status_code == 302

    def test_a_success_clears_earlier_failures(self, client, staff):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            self.login(client, "sam", "wrong")
        self.login(client, "sam", "a-long-correct-password")
        client.logout()
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            self.login(client, "sam", "wrong")
        assert self.login(client, "sam", "a-long-correct-password").status_code == 302


class PasswordPolicyTests:
    @pytest.mark.parametrize(
        "password", ["short", "password1234", "12345678901234", "sam-the-editor1"]
    )
    def test_weak_passwords_are_refused(self, password):
        user = User(username="sam-the-editor1", email="sam@example.com")
        with pytest.raises(ValidationError):
            validate_password(password, user)
