"""What the load scripts share: a scratch PostgreSQL database, the production environment,
gunicorn on a free loopback port, and a CPU group for each service."""

import contextlib
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


def log(message):
    print(message, flush=True)


def psql(sql, database="postgres"):
    """Run ``sql``; return what it prints, unaligned and without headers."""
    return subprocess.run(
        ["psql", "-h", PG["host"], "-U", PG["user"], "-qAtc", sql, database],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def database_exists(database):
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}'") == "1"


def production_environment(database, **extra):
    """The site's environment in production, on ``database``, over plain HTTP on loopback."""
    return {
        **os.environ,
        # The checkout's packages, whichever checkout the virtualenv was installed from.
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{database}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # No TLS-terminating proxy in front, so no redirect to HTTPS.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "CRITICAL",
        **extra,
    }


def manage(env, *arguments, capture=False):
    """Run ``manage.py`` with ``env``; return its output when ``capture`` is set."""
    result = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout if capture else None


def get(port, path, timeout=30):
    """``(status, body)`` of a GET as a browser on this machine would send it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        # With the port, as browsers and wrk send it: the page cache keys pages by address.
        connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@contextlib.contextmanager
def gunicorn(
    app, *, env, log_file, workers=2, worker_class="sync", cwd=ROOT, ready_path="/", group=None
):
    """Serve the WSGI ``app`` on a free loopback port; yield the port once ``ready_path``
    answers 200, and stop the server on the way out. ``group`` (``CPUGroups.command``)
    starts it in a CPU group."""
    # This process takes the port and hands the listening socket to gunicorn: a free port
    # with no window in which another process could take it.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(2048)
        listener.set_inheritable(True)
        port = listener.getsockname()[1]
        command = [GUNICORN, app, "--chdir", str(cwd), "-b", f"fd://{listener.fileno()}"]
        command += ["-w", str(workers), "-k", worker_class, "--timeout", "30"]
        command += ["--log-level", "warning"]
        server = subprocess.Popen(
            group(command) if group else command,
            cwd=cwd,
            env=env,
            stdout=log_file,
            stderr=log_file,
            pass_fds=(listener.fileno(),),
        )
    try:
        wait_until_ready(server, port, ready_path)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_ready(server, port, path, seconds=60):
    deadline = time.monotonic() + seconds
    status = None
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode} before answering")
        try:
            status = get(port, path, timeout=5)[0]
        except OSError:
            status = None
        if status == 200:
            return
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer {path} with 200 in {seconds} s (last: {status})")


def varnish_command(work, backend_port, port, storage="malloc,32m"):
    """The command serving deploy's Varnish recipe on loopback ``port`` in front of the app
    on ``backend_port``; the recipe is rendered into ``work``, opened for varnishd, which
    reads it and keeps its state there as its own user."""
    os.chmod(work, 0o755)
    vcl = subprocess.run(
        [
            ROOT / "deploy" / "render.sh",
            ROOT / "deploy" / "varnish" / "newsroom.vcl",
            "BACKEND_HOST=127.0.0.1",
            f"BACKEND_PORT={backend_port}",
            "SERVER_NAME=127.0.0.1",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    (Path(work) / "newsroom.vcl").write_text(vcl)
    command = ["varnishd", "-F", "-a", f"127.0.0.1:{port}", "-f", f"{work}/newsroom.vcl"]
    return [*command, "-n", f"{work}/varnish", "-s", storage]


def unit_cpu_weight(unit):
    """The ``CPUWeight=`` of a unit in deploy/systemd; systemd's default, 100, without one."""
    found = re.search(r"^CPUWeight=(\d+)$", (ROOT / "deploy" / "systemd" / unit).read_text(), re.M)
    return int(found[1]) if found else 100


class CPUGroups:
    """A CPU group for each service, weighted as systemd weights its unit: under load each
    group gets its share of the cores, however many threads the others run (Varnish runs
    one per connection). Without groups, the kernel shares the cores among threads, and a
    busy Varnish and its load generator starve the app and the task worker, as they cannot
    where systemd runs each service as a unit with a CPU weight.

    Needs write access to the cgroup file system (root); without it, ``command`` leaves
    commands as they are. ``description`` says which it was.
    """

    PREFIX = "newsroom-bench-"

    def __init__(self, weights, cgroups=Path("/sys/fs/cgroup")):
        self.paths = {}
        if not weights:
            self.description = "one pool for every process (no CPU groups asked for)"
            return
        try:
            self.root, self.version = self._hierarchy(cgroups)
            for name, weight in weights.items():
                path = self.root / f"{self.PREFIX}{name}"
                path.mkdir(exist_ok=True)
                if self.version == 2:
                    (path / "cpu.weight").write_text(str(weight))
                else:  # cgroup v1's shares: 1024 is systemd's weight of 100
                    (path / "cpu.shares").write_text(str(weight * 1024 // 100))
                self.paths[name] = path
        except OSError as error:
            self.close()
            self.description = f"one pool for every process (no CPU groups: {error})"
        else:
            self.description = "a CPU group for each service, weighted as systemd weights the "
            self.description += f"units ({', '.join(f'{n} {w}' for n, w in weights.items())})"

    @staticmethod
    def _hierarchy(cgroups):
        """Where groups go, and the cgroup version: v2's unified hierarchy with the cpu
        controller, else v1's cpu hierarchy."""
        controllers = cgroups / "cgroup.controllers"
        if controllers.exists() and "cpu" in controllers.read_text().split():
            (cgroups / "cgroup.subtree_control").write_text("+cpu")
            return cgroups, 2
        if (cgroups / "cpu" / "cpu.shares").exists():
            return cgroups / "cpu", 1
        raise OSError(f"no cgroup hierarchy with the cpu controller in {cgroups}")

    def command(self, name, command):
        """``command``, starting in the group ``name``."""
        if name not in self.paths:
            return command
        join = 'echo $$ > "$0" && exec "$@"'
        return ["sh", "-c", join, str(self.paths[name] / "cgroup.procs"), *map(str, command)]

    def close(self):
        for path in self.paths.values():
            with contextlib.suppress(OSError):
                path.rmdir()  # refused while a process is left in it
        self.paths = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
