"""The Varnish recipe compiles with the varnishd this machine has (skipped without one;
CI and `make edge` install it)."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.mark.skipif(not shutil.which("varnishd"), reason="varnishd is not installed")
def test_the_vcl_compiles():
    # varnishd reads the file as its own unprivileged user.
    with tempfile.TemporaryDirectory() as directory:
        os.chmod(directory, 0o755)
        check(Path(directory))


def check(tmp_path):
    vcl = tmp_path / "newsroom.vcl"
    rendered = subprocess.run(
        [
            DEPLOY / "render.sh",
            DEPLOY / "varnish" / "newsroom.vcl",
            "BACKEND_HOST=127.0.0.1",
            "BACKEND_PORT=8081",
            "SERVER_NAME=news.example.org",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    vcl.write_text(rendered.stdout)
    result = subprocess.run(
        ["varnishd", "-C", "-f", str(vcl), "-n", str(tmp_path / "varnish")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
