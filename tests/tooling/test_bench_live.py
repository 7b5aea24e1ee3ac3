"""The live benchmark's own parts: the CPU groups it runs each service in, and its report of
staleness step by step."""

import datetime
import subprocess
from argparse import Namespace

from bench.bench_live import edits_table, render
from bench.common import CPUGroups, unit_cpu_weight


def unified_hierarchy(tmp_path):
    """A cgroup v2 file system as the kernel shows it, with the cpu controller."""
    (tmp_path / "cgroup.controllers").write_text("cpuset cpu io memory pids\n")
    (tmp_path / "cgroup.subtree_control").write_text("")
    return tmp_path


def test_the_app_and_the_worker_weigh_what_their_units_say():
    assert unit_cpu_weight("newsroom.service") == 200
    assert unit_cpu_weight("newsroom-worker.service") == 200


def test_a_command_starts_in_its_group_under_cgroup_v2(tmp_path):
    cgroups = unified_hierarchy(tmp_path)
    with CPUGroups({"app": 200, "readers": 100}, cgroups) as groups:
        assert (cgroups / "cgroup.subtree_control").read_text() == "+cpu"
        assert (cgroups / "newsroom-bench-app" / "cpu.weight").read_text() == "200"
        assert (cgroups / "newsroom-bench-readers" / "cpu.weight").read_text() == "100"
        assert "app 200, readers 100" in groups.description
        command = groups.command("app", ["sh", "-c", "echo $$; echo started"])
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        pid, said = output.split()
        # The process that ran the command is the one written into the group.
        assert said == "started"
        assert (cgroups / "newsroom-bench-app" / "cgroup.procs").read_text().strip() == pid
        # The files written stand in for the kernel's: the group holds them, so it stays.
        (cgroups / "newsroom-bench-readers" / "cpu.weight").unlink()
    assert not (cgroups / "newsroom-bench-readers").exists()


def test_cgroup_v1_shares_are_systemds_weights_scaled(tmp_path):
    (tmp_path / "cpu").mkdir()
    (tmp_path / "cpu" / "cpu.shares").write_text("1024\n")
    with CPUGroups({"worker": 200, "varnish": 100}, tmp_path) as groups:
        assert (tmp_path / "cpu" / "newsroom-bench-worker" / "cpu.shares").read_text() == "2048"
        assert (tmp_path / "cpu" / "newsroom-bench-varnish" / "cpu.shares").read_text() == "1024"
        assert groups.command("worker", ["true"])[-1] == "true"
        assert groups.command("worker", ["true"])[0] == "sh"


def test_without_a_cpu_hierarchy_commands_run_as_they_are(tmp_path):
    (tmp_path / "cgroup.controllers").write_text("memory pids\n")
    groups = CPUGroups({"app": 200}, tmp_path)
    assert groups.command("app", ["wrk", "-t2"]) == ["wrk", "-t2"]
    assert groups.description.startswith("one pool for every process (no CPU groups: ")
    assert str(tmp_path) in groups.description
    assert not (tmp_path / "newsroom-bench-app").exists()


def run_result(**fields):
    result = {
        "prefilled": (10, 10, 1.0),
        "hit_ratio": 1.0,
        "stale_ratio": 0.0,
        "rps": 1000.0,
        "p50": 0.1,
        "p99": 2.0,
        "published_edits": 3,
        "draft_edits": 6,
        "stale_after": 0,
        "non_2xx": 0,
        "socket_errors": 0,
        "missed": 1,
        "quiet_rps": 2000.0,
        "quiet_p99": 1.0,
        "fetches": 90,
        "edits": [
            {"number": 1, "path": "/articles/a/", "committed": 100.0},
            {"number": 2, "path": "/articles/b/", "committed": 103.0},
            {"number": 3, "path": "/articles/c/", "committed": 106.0},
        ],
        # Edit 3 was never seen; its purge went out all the same.
        "to_purge": {1: 0.05, 2: 0.25, 3: 0.04},
    }
    result.update(fields)
    return result


def report(results):
    args = Namespace(seconds=60, connections=4, workers=2, database="db", articles=5, entities=2)
    groups = Namespace(description="a CPU group for each service")
    return render(args, results, 500.0, datetime.datetime(2026, 12, 4), groups)


def test_the_report_splits_staleness_at_the_purge():
    text = report({"varnish": run_result(seen={1: 0.30, 2: 0.85})})
    assert "- CPU: a CPU group for each service" in text
    # Two edits seen: to the purge 0.05 and 0.25 s, then 0.25 and 0.60 s to a reader.
    assert "| varnish | 2 | 0.150 | 0.250 | 0.425 | 0.600 |" in text
    assert "| 0.850 | 0.850 | 0 | 0 non-2xx, 0 socket, 1 edits never seen |" in text


def test_with_the_app_cache_alone_pages_are_retired_at_the_commit():
    text = report({"app": run_result(seen={1: 0.2, 2: 0.4, 3: 0.3}, to_purge={}, fetches=None)})
    assert "| app | 3 | at the commit | at the commit | 0.300 | 0.400 |" in text


def test_each_edit_is_a_line_of_the_table_even_one_never_seen():
    table = edits_table({"varnish": run_result(seen={1: 0.30, 2: 0.85})})
    assert table.splitlines() == [
        "mode\tpath\tcommitted\tto purge s\tseen s",
        "varnish\t/articles/a/\t100.000\t0.050\t0.300",
        "varnish\t/articles/b/\t103.000\t0.250\t0.850",
        "varnish\t/articles/c/\t106.000\t0.040\t",
    ]


def test_no_groups_asked_for_makes_none(tmp_path):
    groups = CPUGroups({}, unified_hierarchy(tmp_path))
    assert groups.command("app", ["true"]) == ["true"]
    assert groups.description == "one pool for every process (no CPU groups asked for)"
    assert (tmp_path / "cgroup.subtree_control").read_text() == ""
