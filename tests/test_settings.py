import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_django(command=("check",), **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


class SettingsTests:
    def test_refuses_to_start_with_debug_off_and_no_secret_key(self):
        result = run_django(DJANGO_DEBUG="0")
        assert result.returncode != 0
        assert "DJANGO_SECRET_KEY is not set" in result.stderr

    def test_starts_with_debug_off_and_a_secret_key(self):
        result = run_django(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)
        assert result.returncode == 0, result.stderr

    def test_refuses_a_page_cache_without_a_shared_cache(self):
        result = run_django(DJANGO_DEBUG="1", NEWSROOM_PAGE_CACHE="1", REDIS_URL="")
        assert result.returncode != 0
        assert "NEWSROOM_PAGE_CACHE is on but REDIS_URL is not set" in result.stderr

    def test_refuses_a_fragment_cache_without_a_shared_cache(self):
        result = run_django(DJANGO_DEBUG="1", NEWSROOM_FRAGMENT_CACHE="1", REDIS_URL="")
        assert result.returncode != 0
        assert "NEWSROOM_FRAGMENT_CACHE is on but REDIS_URL is not set" in result.stderr

    def test_starts_in_debug_without_a_secret_key(self):
        assert run_django(DJANGO_DEBUG="1").returncode == 0

    def test_tasks_run_at_once_in_development_and_in_the_worker_in_production(self):
        show = ["shell", "-c", "from django.conf import settings; print(settings.TASKS)"]
        development = run_django(show, DJANGO_DEBUG="1")
        production = run_django(show, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)
        assert "ImmediateBackend" in development.stdout, development.stderr
        assert "django_tasks_db.DatabaseBackend" in production.stdout, production.stderr

    def test_refuses_an_unknown_tasks_backend(self):
        result = run_django(DJANGO_DEBUG="1", NEWSROOM_TASKS_BACKEND="celery")
        assert result.returncode != 0
        assert "NEWSROOM_TASKS_BACKEND is 'celery'" in result.stderr

    def test_production_settings_pass_the_deploy_check(self):
        result = run_django(
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="example.org",
            command=["check", "--deploy", "--fail-level", "WARNING"],
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "no issues" in result.stdout

    def test_deploy_check_flags_a_site_without_https(self):
        result = run_django(
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="example.org",
            DJANGO_SECURE_SSL_REDIRECT="0",
            command=["check", "--deploy", "--fail-level", "WARNING"],
        )
        assert result.returncode != 0
        assert "security.W008" in result.stderr + result.stdout
