import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test.signals import template_rendered
from hypothesis import HealthCheck, settings

from articles.models import Article, Mention
from newsroom.content_version import start_content_version
from tests.factories import make_article, make_institution, make_mention


def _member_of(group_name, username):
    user = User.objects.create_user(username, f"{username}@example.com", "correct-horse-battery")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return _member_of("Editor", "eda")


@pytest.fixture
def reporter(db):
    return _member_of("Reporter", "rory")


@pytest.fixture
def feed_stories(db):
    """Articles naming the Mazhilis in every state a feed must tell apart, and one
    naming nobody; returns the Mazhilis."""
    mazhilis = make_institution("Mazhilis")
    make_mention(make_article("About the chamber", dek="Deputies voted."), mazhilis)
    make_article("About something else")
    make_mention(make_article("Secret draft", status=Article.Status.DRAFT), mazhilis)
    make_mention(make_article("Secret review", status=Article.Status.REVIEW), mazhilis)
    make_mention(make_article("Rejected link"), mazhilis, state=Mention.State.REJECTED)
    return mazhilis


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reporter_client(client, reporter):
    client.force_login(reporter)
    return client


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block's on-commit work at its end, as a committed transaction would.

    A test's transaction never commits: make a test's data in such a block too, or pages
    cached before it stay current.
    """
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def rendered_templates():
    """The names of the templates rendered while the test runs, in order."""
    names = []

    def record(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    yield names
    template_rendered.disconnect(record)


@pytest.fixture
def page_cache_off(settings):
    """Requests render their pages from the database (the parts of pages are still kept)."""
    settings.NEWSROOM_PAGE_CACHE = False


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The page cache and the fragment cache on, as with a shared cache server (tests run
    in one process), and empty: no cached pages or fragments and no content version."""
    settings.NEWSROOM_PAGE_CACHE = True
    settings.NEWSROOM_FRAGMENT_CACHE = True
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Property-based tests run with the normal suite: few enough examples to stay fast, no
# per-example deadline (the first request of a test warms caches and is slow).
settings.register_profile(
    "newsroom",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("newsroom")


@pytest.fixture
def assert_constant_queries(client, django_assert_num_queries):
    """Check that rendering ``url`` takes ``count`` queries, and still does after
    ``add_rows()``.

    Each request renders the page afresh, as the first after an edit does: a new content
    version retires cached pages, and the version is shared before the count starts.
    """

    def check(url, count, add_rows):
        for prepare in (lambda: None, add_rows):
            prepare()
            start_content_version()
            with django_assert_num_queries(count):
                assert client.get(url).status_code == 200

    return check
