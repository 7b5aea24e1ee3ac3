import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_django(**env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
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

    def test_starts_in_debug_without_a_secret_key(self):
        assert run_django(DJANGO_DEBUG="1").returncode == 0
