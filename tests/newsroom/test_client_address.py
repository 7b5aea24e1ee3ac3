"""The client's address behind proxies: counted from the right, never what the client
wrote; the same address for the login lockout and the rate limits."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client, RequestFactory

from newsroom.security import client_ip_address

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def address(meta):
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, **meta)
    return client_ip_address(request)


class ClientAddressTests:
    def test_without_a_header_the_peer_is_the_client(self, settings):
        settings.NEWSROOM_CLIENT_IP_HEADER = ""
        assert address({"HTTP_X_FORWARDED_FOR": "1.2.3.4"}) == PROXY

    def test_one_proxy_the_right_most_entry_is_the_client(self, settings):
        settings.NEWSROOM_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
        settings.NEWSROOM_TRUSTED_PROXIES = 1
        assert address({"HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9"}) == "203.0.113.9"

    def test_two_proxies_the_second_from_the_right_is_the_client(self, settings):
        settings.NEWSROOM_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
        settings.NEWSROOM_TRUSTED_PROXIES = 2
        forwarded = "6.6.6.6, 7.7.7.7, 203.0.113.9, 10.0.0.1"
        assert address({"HTTP_X_FORWARDED_FOR": forwarded}) == "203.0.113.9"

    def test_a_header_shorter_than_the_proxies_falls_back_to_the_peer(self, settings):
        settings.NEWSROOM_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
        settings.NEWSROOM_TRUSTED_PROXIES = 2
        assert address({"HTTP_X_FORWARDED_FOR": "203.0.113.9"}) == PROXY

    def test_an_entry_that_is_no_address_falls_back_to_the_peer(self, settings):
        settings.NEWSROOM_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
        assert address({"HTTP_X_FORWARDED_FOR": "1.2.3.4, <script>"}) == PROXY

    def test_the_standard_forwarded_header_is_read_the_same_way(self, settings):
        settings.NEWSROOM_CLIENT_IP_HEADER = "HTTP_FORWARDED"
        settings.NEWSROOM_TRUSTED_PROXIES = 1
        forwarded = 'for=6.6.6.6, for="[2001:db8::17]:4711";proto=https'
        assert address({"HTTP_FORWARDED": forwarded}) == "2001:db8::17"


class LockoutBehindAProxyTests:
    """Behind one proxy that appends the address it saw, as nginx's
    ``$proxy_add_x_forwarded_for`` does."""

    @pytest.fixture(autouse=True)
    def behind_a_proxy(self, settings):
        settings.NEWSROOM_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
        settings.NEWSROOM_TRUSTED_PROXIES = 1

    @pytest.fixture
    def staff(self, db):
        return User.objects.create_user("sam", password="a-long-correct-password", is_staff=True)

    def login(self, password, forwarded_for):
        return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for).post(
            "/admin/login/?next=/admin/", {"username": "sam", "password": password}
        )

    def test_fake_prefixes_do_not_escape_the_lockout(self, staff):
        for attempt in range(20):
            # The attacker writes its own X-Forwarded-For; the proxy appends the real one.
            self.login("wrong", f"198.51.100.{attempt}, 203.0.113.9")
        response = self.login("a-long-correct-password", "192.0.2.77, 203.0.113.9")
        assert response.status_code == 429
        assert "Too many failed logins" in response.text

    def test_another_client_behind_the_same_proxy_still_logs_in(self, staff):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.login("wrong", "203.0.113.9")
        assert self.login("a-long-correct-password", "203.0.113.10").status_code == 302
