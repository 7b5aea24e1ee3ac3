"""The Varnish recipe compiles with the varnishd this machine has (skipped without one:
CI's SQLite pass has no Varnish; `make edge` installs it)."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "newsroom.vcl"


@pytest.mark.skipif(not shutil.which("varnishd"), reason="varnishd is not installed")
def test_the_vcl_compiles():
    # varnishd reads the file as its own unprivileged user.
    with tempfile.TemporaryDirectory() as directory:
        os.chmod(directory, 0o755)
        check(Path(directory))


def check(tmp_path):
    vcl = tmp_path / "newsroom.vcl"
    vcl.write_text(
        VCL.read_text().replace("BACKEND_HOST", "127.0.0.1").replace("BACKEND_PORT", "8081")
    )
    result = subprocess.run(
        ["varnishd", "-C", "-f", str(vcl), "-n", str(tmp_path / "varnish")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
