"""Settings for the Newsroom project, read from the environment.

Every value a deployment may change comes from an environment variable; the
defaults are safe for local development only when ``DJANGO_DEBUG`` is on. One module, as
Django reads it, in the order a reader looks things up: each setting next to the
variable that sets it and the check that refuses a wrong value.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from newsroom import edge_purgers

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return default if value is None or value == "" else int(value)


def env_rate(name, default):
    """A rate limit written "requests/seconds" ("30/60"); "off" (or 0) for none."""
    value = (os.environ.get(name) or default).strip().lower()
    if value in {"off", "0"}:
        return None
    try:
        requests, seconds = (int(part) for part in value.split("/"))
    except ValueError:
        requests = seconds = 0
    if requests < 1 or seconds < 1:
        raise ImproperlyConfigured(
            f'{name} is {value!r}; write it as "requests/seconds", e.g. "30/60", or "off".'
        )
    return requests, seconds


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. It is required when DJANGO_DEBUG is off; "
            "set it to a long random string, or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-debug-is-on"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver" if DEBUG else ""
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # The API docs page is served from ninja's own copy of Swagger UI, not a CDN.
    "ninja",
    "newsroom",
    "media_library",
    "institutions",
    "authors",
    "sections",
    "articles",
    "alerts",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files leave here, compressed ahead of time.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what every middleware below returns, cached pages included.
    "newsroom.compression.CompressionMiddleware",
    # Signed-out readers' cached pages leave here; the headers of what follows are stored.
    "newsroom.caching.PageCacheMiddleware",
    # A view that cannot reach the database answers 503 (or a reader's stale cached page).
    "newsroom.outages.DatabaseUnavailableMiddleware",
    # Readers without a session read from a replica, when there are replicas.
    "newsroom.replicas.ReplicaReadsMiddleware",
    "newsroom.middleware.ContentSecurityPolicyMiddleware",
    # ETags for public pages, so a conditional GET can end in 304 Not Modified.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the page cache: a stored page is found by its address, which names its
    # language, so the cache never needs to know the language a request asked for.
    "newsroom.middleware.UrlLanguageMiddleware",
    # Before any view reads the query string: one with a NUL gets a 400 page that says so.
    "newsroom.inputs.QueryTextMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsroom.middleware.StaffCookieMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "newsroom.context_processors.site",
                "newsroom.context_processors.languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes write (app servers, the task worker): readers never wait for a
    # writer (WAL), a write transaction takes the lock when it starts instead of failing
    # midway when another holds it, and a waiting writer waits up to 20 s.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
# Read replicas (comma-separated URLs): readers' pages read from them, editors and every
# write from the primary (newsroom/replicas.py).
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS")):
    DATABASES[f"replica{_number}"] = {
        **dj_database_url.parse(_url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["newsroom.replicas.ReplicaRouter"] if len(DATABASES) > 1 else []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis that retires cached pages when the server is back from an outage.
            "BACKEND": "newsroom.cache_backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            # A cache server that stops answering must not hold pages up: after these
            # many seconds they are served uncached.
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
        }
    }
# Public pages are cached only in a cache every process shares: a page cache in each
# process's memory would not hear of an edit made through another process.
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", bool(REDIS_URL))
if NEWSROOM_PAGE_CACHE and not REDIS_URL:
    raise ImproperlyConfigured(
        "NEWSROOM_PAGE_CACHE is on but REDIS_URL is not set: the page cache needs a cache "
        "every process shares, or pages would stay stale after an edit made elsewhere."
    )
# Parts of pages too (newsroom/fragments.py), read by the pages that are rendered; on
# the same condition, even with the page cache off.
NEWSROOM_FRAGMENT_CACHE = env_bool("NEWSROOM_FRAGMENT_CACHE", bool(REDIS_URL))
if NEWSROOM_FRAGMENT_CACHE and not REDIS_URL:
    raise ImproperlyConfigured(
        "NEWSROOM_FRAGMENT_CACHE is on but REDIS_URL is not set: fragments of pages need a "
        "cache every process shares, or they would stay stale after an edit made elsewhere."
    )
# When readers next see a change that no edit makes, each callable says; the earliest
# retires the cached pages.
NEWSROOM_PAGE_CACHE_SCHEDULE = ["articles.models.next_publication"]
# A page keeps at most this many query strings in the page cache at a time.
NEWSROOM_PAGE_CACHE_VARIANTS = env_int("NEWSROOM_PAGE_CACHE_VARIANTS", 50)
# Bytes of stored pages' bodies each process keeps in memory (newsroom/page_bodies.py):
# never stale, since whether a page is current is read from the shared cache each time.
NEWSROOM_PAGE_BODIES_KEPT = env_int("NEWSROOM_PAGE_BODIES_KEPT", 32 * 2**20)
# Each process hears from Redis of changes to what says a page is current, and serves a
# page it found current since from memory (newsroom/tracking.py). Off for a server or a
# proxy that cannot track.
NEWSROOM_PAGE_CACHE_TRACKING = env_bool("NEWSROOM_PAGE_CACHE_TRACKING", True)

# Edge caches in front (Varnish, Fastly, Cloudflare; newsroom/edge_purgers.py): how long
# one may keep a page (it is purged by key on each change), where each is purged (Varnish:
# an HTTP PURGE with the keys in a header; the CDNs: their APIs, whose addresses change
# only for tests), which to purge (default: each whose settings are set), and the headers
# that tell them each page's keys (any of xkey, Surrogate-Key, Cache-Tag; default: those
# the purged edges read; none without an edge, so browsers never see them).
NEWSROOM_EDGE_MAX_AGE = env_int("NEWSROOM_EDGE_MAX_AGE", 3600)
NEWSROOM_EDGE_PURGE_URL = os.environ.get("NEWSROOM_EDGE_PURGE_URL", "")
NEWSROOM_EDGE_PURGE_HEADER = os.environ.get("NEWSROOM_EDGE_PURGE_HEADER", "xkey")
FASTLY_API_TOKEN = os.environ.get("FASTLY_API_TOKEN", "")
FASTLY_SERVICE_ID = os.environ.get("FASTLY_SERVICE_ID", "")
FASTLY_API_URL = os.environ.get("FASTLY_API_URL") or "https://api.fastly.com"
CLOUDFLARE_API_TOKEN = os.environ.get("CLOUDFLARE_API_TOKEN", "")
CLOUDFLARE_ZONE_ID = os.environ.get("CLOUDFLARE_ZONE_ID", "")
CLOUDFLARE_API_URL = os.environ.get("CLOUDFLARE_API_URL") or "https://api.cloudflare.com/client/v4"
NEWSROOM_EDGE_PURGERS = [name.lower() for name in env_list("NEWSROOM_EDGE_PURGERS")]
NEWSROOM_EDGE_KEY_HEADERS = edge_purgers.key_headers(
    env_list("NEWSROOM_EDGE_KEY_HEADERS"), edge_purgers.enabled(sys.modules[__name__])
)
_EDGE_HEADERS = ("xkey", "Surrogate-Key", "Cache-Tag")
if unknown := set(NEWSROOM_EDGE_KEY_HEADERS) - set(_EDGE_HEADERS):
    raise ImproperlyConfigured(
        f"NEWSROOM_EDGE_KEY_HEADERS names {', '.join(sorted(unknown))}; use any of "
        f"{', '.join(_EDGE_HEADERS)}."
    )
# With an edge or replicas, pages are retired again this many seconds after a change
# (comma-separated): once a page the edge was fetching as the change committed has
# landed (1 s: a page still rendering when its keys were retired says so itself, and is
# kept a second at most), and, with replicas, once they have caught up (5 s).
NEWSROOM_REPURGE_SECONDS = [
    int(seconds)
    for seconds in env_list("NEWSROOM_REPURGE_SECONDS", "1,5" if len(DATABASES) > 1 else "1")
]

# Background tasks (relinking after registry changes). Development and tests run each task
# at once, in the process that queued it; production queues them in the database, and
# `python manage.py db_worker` runs them.
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
NEWSROOM_TASKS_BACKEND = os.environ.get("NEWSROOM_TASKS_BACKEND") or (
    "immediate" if DEBUG else "database"
)
if NEWSROOM_TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"NEWSROOM_TASKS_BACKEND is {NEWSROOM_TASKS_BACKEND!r}; use one of "
        f"{', '.join(_TASK_BACKENDS)}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[NEWSROOM_TASKS_BACKEND]}}
# Seconds a page retired by an edit is served as it was while a task renders it again
# (newsroom.grace); off without a worker, and behind an edge cache, which has its own.
NEWSROOM_PAGE_CACHE_GRACE = env_int(
    "NEWSROOM_PAGE_CACHE_GRACE",
    0 if NEWSROOM_TASKS_BACKEND == "immediate" or NEWSROOM_EDGE_KEY_HEADERS else 10,
)

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username and address never reach the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login protection: five wrong passwords for one username from one address lock that
# pair out for a quarter of an hour; other editors and addresses are unaffected.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_ip_address"
AXES_USERNAME_CALLABLE = "newsroom.security.login_username"
# Behind reverse proxies, name the header that carries the client's address (e.g.
# HTTP_X_FORWARDED_FOR) and how many proxies of your own add to it: the client is the
# address the outermost of them saw, counted from the right, since anything to its left
# the client wrote itself. Without a header every request seems to come from the proxy.
NEWSROOM_CLIENT_IP_HEADER = os.environ.get("DJANGO_CLIENT_IP_HEADER", "")
NEWSROOM_TRUSTED_PROXIES = env_int("DJANGO_TRUSTED_PROXIES", 1)
if NEWSROOM_CLIENT_IP_HEADER and NEWSROOM_TRUSTED_PROXIES < 1:
    raise ImproperlyConfigured(
        "DJANGO_TRUSTED_PROXIES must be 1 or more when DJANGO_CLIENT_IP_HEADER is set: it "
        "counts the proxies that add to the header."
    )

# How many expensive pages one anonymous client may have rendered per window (see
# newsroom.ratelimit); pages served from the page cache are not counted.
NEWSROOM_RATE_LIMITS = {
    "search": env_rate("DJANGO_RATE_LIMIT_SEARCH", "30/60"),
    "sitemap": env_rate("DJANGO_RATE_LIMIT_SITEMAP", "10/60"),
    "deep_pages": env_rate("DJANGO_RATE_LIMIT_DEEP_PAGES", "30/60"),
}
# List pages past this one count as deep.
NEWSROOM_RATE_LIMIT_DEEP_PAGE = env_int("DJANGO_RATE_LIMIT_DEEP_PAGE", 5)

SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_HOURS", 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", False)
SESSION_COOKIE_HTTPONLY = True
# Readable by the public pages' script that shows staff an "Edit" link; grants nothing.
NEWSROOM_STAFF_COOKIE = "newsroom_staff"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Over plain HTTP in development a secure cookie would never come back: secure in
# production only.
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# HTTPS and browser protections. DJANGO_SECURE_SSL_REDIRECT=0 is for a local benchmark
# with no TLS-terminating proxy in front; production keeps the redirect on.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# "HTTP_X_FORWARDED_PROTO,https" when a proxy terminates TLS and sets that header; trust
# it only when the proxy strips the header from what clients send.
SECURE_PROXY_SSL_HEADER = tuple(env_list("DJANGO_SECURE_PROXY_SSL_HEADER")) or None
if SECURE_PROXY_SSL_HEADER and len(SECURE_PROXY_SSL_HEADER) != 2:
    raise ImproperlyConfigured(
        "DJANGO_SECURE_PROXY_SSL_HEADER takes a header and a value, e.g. "
        '"HTTP_X_FORWARDED_PROTO,https".'
    )

# Content-Security-Policy: scripts only from this site or carrying the per-request nonce
# (nonce="{{ request.csp_nonce }}"; public pages need none: their JSON-LD blocks are data,
# which browsers never run); never inline. newsroom.middleware relaxes styles, and only
# styles, for the admin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский"), ("kk", "Қазақша")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats the pages name (DATE_FORMAT, DATETIME_FORMAT, YEAR_MONTH_FORMAT) per language.
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")

# Readers' e-mail alerts. Development prints mail to the console; production names an SMTP
# server (DJANGO_EMAIL_HOST and friends); tests use Django's in-memory outbox.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "alerts@newsroom.invalid")
# For Django's file backend (DJANGO_EMAIL_BACKEND=django.core.mail.backends.filebased...):
# each message lands in this folder, as the browser journeys read it.
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH") or None
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The model entity pages list; the institutions app reaches it by this name, not by import.
NEWSROOM_ARTICLE_MODEL = "articles.Article"
# What a backup holds: what an editor made and who made it. Content types and permissions
# are rebuilt by migrate; sessions and login attempts are not worth keeping. Whole apps
# (a bare label) are the site's content: a restore refuses to write over any of their rows.
# The cache keys of a public page that declares none (``public_page(keys=...)``): the
# broad keys the apps retire on any change readers can see.
NEWSROOM_UNDECLARED_PAGE_KEYS = ["articles", "article-text", "entities", "mentions"]

# Addresses whose views check their own query parameters and answer errors in JSON.
NEWSROOM_JSON_PREFIXES = ["/api/"]

NEWSROOM_BACKUP_MODELS = [
    "auth.group",
    "auth.user",
    "media_library",
    "institutions",
    "authors",
    "sections",
    "articles",
    "alerts",
    "api",
    "admin.logentry",
]

# Requests per client address that reach the API's code (cached answers do not count),
# e.g. "600/min"; over it the API answers 429 with Retry-After.
NEWSROOM_API_RATE = os.environ.get("NEWSROOM_API_RATE", "600/min")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
