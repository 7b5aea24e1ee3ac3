"""Editors saving at once on SQLite wait for each other instead of failing.

Each run is ``bench/concurrent_saves.py`` in a process of its own: a fresh file database,
one process per editor, as app servers share the database in production.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Memory-backed when the machine has it: migrating a scratch database then takes no disk
# flushes. The concurrency is SQLite's locking, the same on any file system.
FOLDER = "/dev/shm" if Path("/dev/shm").is_dir() else None


def concurrent_saves(*options):
    command = [sys.executable, "bench/concurrent_saves.py", "--editors", "6", "--seconds", "3"]
    command += ["--json", *options]
    if FOLDER:
        command += ["--folder", FOLDER]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.stdout, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def with_site_settings():
    return concurrent_saves()


class ConcurrentSavesTests:
    def test_no_save_fails(self, with_site_settings):
        assert with_site_settings["errors"] == 0, with_site_settings["error_kinds"]

    def test_every_editor_saves(self, with_site_settings):
        assert with_site_settings["saves_per_editor_min"] > 0

    def test_no_acknowledged_save_is_lost(self, with_site_settings):
        assert with_site_settings["saves"] > 0
        assert with_site_settings["lost"] == 0

    def test_django_defaults_fail_under_the_same_load(self):
        """What the site's settings prevent: the same load on Django's SQLite defaults."""
        figures = concurrent_saves("--sqlite-defaults")
        assert figures["errors"] > 0
        assert "database is locked" in figures["error_kinds"]
