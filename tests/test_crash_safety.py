"""Crash safety of the write: SIGKILL at random moments, and a rename that fails halfway.

The kill test starts ``migrate`` in a child process, lets it plan, then kills it at a random
moment within a measured write duration, many times. Each time the visible tree must be the
old one or the new one; the only other state allowed is the unavoidable one between two
renames (new layer modules beside the old conftest), and only with the journal that lets the
next run undo it. The next run must then leave exactly the old or the new tree, with no hidden
staging file left behind. Nothing is mocked: the child runs the real ``MigrationResult.write``.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codemods import api
from codemods.cli import app
from codemods.errors import WriteError
from codemods.io import write_atomically
from codemods.journal import JOURNAL_PREFIX, STALE_FILE, recover_interrupted_writes
from tests.treeutil import copy_tree, snapshot

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "golden" / "01_four_layers_basic" / "before"
KILLS = 40

CHILD = textwrap.dedent(
    """\
    import sys
    from pathlib import Path

    from codemods import api

    result = api.migrate(Path(sys.argv[1]))
    print("ready", flush=True)
    sys.stdin.readline()
    result.write()
    print("done", flush=True)
    """
)


def hidden(name: str) -> bool:
    """A staging file, backup or journal of the write (what a killed run may leave)."""
    base = name.rsplit("/", 1)[-1]
    return bool(STALE_FILE.match(base)) or base.startswith(JOURNAL_PREFIX)


def visible(tree: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in tree.items() if not hidden(name)}


def spawn(project: Path) -> subprocess.Popen[bytes]:
    """``migrate`` in a child that plans, says ``ready``, and writes when told to."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(project / "tests" / "conftest.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )


def ready(child: subprocess.Popen[bytes]) -> subprocess.Popen[bytes]:
    assert child.stdout is not None
    assert child.stdout.readline() == b"ready\n"
    return child


def go(child: subprocess.Popen[bytes]) -> float:
    assert child.stdin is not None
    child.stdin.write(b"go\n")
    child.stdin.flush()
    return time.perf_counter()


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The tree before and after a completed migration."""
    old = copy_tree(PROJECT, tmp_path_factory.mktemp("old") / "project")
    new = copy_tree(PROJECT, tmp_path_factory.mktemp("new") / "project")
    api.migrate(new / "tests" / "conftest.py").write()
    return snapshot(old), snapshot(new)


def write_duration(tmp_path: Path) -> float:
    """How long the child takes from ``go`` to ``done``: the window the kills are spread over."""
    durations = []
    for attempt in range(3):
        project = copy_tree(PROJECT, tmp_path / f"calibrate{attempt}")
        child = ready(spawn(project))
        started = go(child)
        assert child.stdout is not None
        assert child.stdout.readline() == b"done\n"
        durations.append(time.perf_counter() - started)
        child.communicate()
    return max(durations)


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_the_old_or_the_new_tree(
    tmp_path: Path, trees: tuple[dict[str, bytes], dict[str, bytes]]
) -> None:
    old, new = trees
    duration = write_duration(tmp_path)
    seed = random.randrange(1 << 30)
    chooser = random.Random(seed)
    states: Counter[str] = Counter()
    projects = [copy_tree(PROJECT, tmp_path / f"trial{trial}") for trial in range(KILLS)]
    upcoming = spawn(projects[0])
    for trial, project in enumerate(projects):
        child = ready(upcoming)
        if trial + 1 < KILLS:
            upcoming = spawn(projects[trial + 1])  # plans while this one is killed
        go(child)
        time.sleep(chooser.uniform(0, duration))
        child.send_signal(signal.SIGKILL)
        child.communicate()  # reaps it (its pid is dead from here) and closes the pipes
        context = f"seed {seed}, trial {trial}"

        after_kill = snapshot(project)
        shown = visible(after_kill)
        journals = [name for name in after_kill if JOURNAL_PREFIX in name]
        if shown == old:
            state = "old"
        elif shown == new:
            state = "new"
        else:
            state = "between renames"
            assert journals, f"{context}: a mixed tree without a journal to undo it"
            assert shown["tests/conftest.py"] == old["tests/conftest.py"], context
        states[state] += 1
        if len(after_kill) > len(shown):
            states["left hidden files"] += 1

        if after_kill in (old, new):
            continue
        # The next run: recovers first, then plans from a whole tree.
        result = api.migrate(project / "tests" / "conftest.py")
        if result.nothing_to_do:
            assert snapshot(project) == new, f"{context}: the next run left {state} + leftovers"
        else:
            assert snapshot(project) == old, f"{context}: the next run left {state} + leftovers"
            result.write()
            assert snapshot(project) == new, context
    landed = states["new"] + states["between renames"] + states["left hidden files"]
    assert landed, f"no kill landed during the write: {dict(states)}"


DEAD_CHILD_WRITE = textwrap.dedent(
    """\
    import os
    import sys
    from pathlib import Path

    from codemods import api, io
    from codemods.journal import journal

    result = api.migrate(Path(sys.argv[1]))
    renames = int(sys.argv[2])
    files = {change.path: change.data for change in result.changes}
    order = sorted(files, key=lambda target: (target == result.source, str(target)))
    staged = {target: io._stage(target, files[target]) for target in order}
    with io._backups(order) as backups, journal(staged, backups, order[-1]):
        for target in order[:renames]:
            staged[target].replace(target)
        os._exit(0)  # dies exactly here, as a SIGKILL after this many renames would
    """
)


@pytest.mark.parametrize("renames", [0, 3, 6, 7], ids=lambda n: f"after_{n}_renames")
def test_a_write_that_died_between_renames_is_undone_or_finished(
    tmp_path: Path, renames: int, trees: tuple[dict[str, bytes], dict[str, bytes]]
) -> None:
    old, new = trees
    project = copy_tree(PROJECT, tmp_path / "project")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    conftest = project / "tests" / "conftest.py"
    subprocess.run(
        [sys.executable, "-c", DEAD_CHILD_WRITE, str(conftest), str(renames)], env=env, check=True
    )
    left = snapshot(project)
    assert any(JOURNAL_PREFIX in name for name in left), "the dead write left its journal"
    assert len(new) == len(old) + 6, "seven files: the conftest and six new ones"

    recovered = recover_interrupted_writes(conftest.parent)
    finished = renames == 7
    assert len(recovered) == 1
    assert ("finished" if finished else "rolled back") in recovered[0]
    assert snapshot(project) == (new if finished else old)


@pytest.mark.parametrize("renames", [3, 7], ids=lambda n: f"after_{n}_renames")
def test_a_dry_run_reports_the_pending_recovery_and_leaves_every_byte(
    tmp_path: Path, renames: int
) -> None:
    project = copy_tree(PROJECT, tmp_path / "project")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    conftest = project / "tests" / "conftest.py"
    subprocess.run(
        [sys.executable, "-c", DEAD_CHILD_WRITE, str(conftest), str(renames)], env=env, check=True
    )
    left = snapshot(project)

    result = CliRunner().invoke(app, ["migrate", str(conftest), "--dry-run"])

    assert snapshot(project) == left, "a dry run recovered (or wrote) something"
    verb = "finishes" if renames == 7 else "rolls back"
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {conftest.parent}: a killed run left a half-done write of 7 files, which the "
        f"next migrate {verb} first (run migrate without --dry-run to recover; this dry run "
        "changed nothing)"
    ]


def test_stale_files_of_a_dead_run_are_removed_and_a_live_runs_are_kept(tmp_path: Path) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = finished.stdout.strip()
    leftovers = [
        f".conftest.py.{dead}.abc123.tmp",
        f".conftest_base.py.{dead}.bak",
        f".conftest.py.{dead}.restore.tmp",
        f".conftest-codemods.{dead}.journal.tmp",
    ]
    mine = [f".conftest.py.{os.getpid()}.xyz.tmp", ".conftest.py.notapid.tmp", ".other.1.tmp"]
    for name in leftovers + mine:
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert recover_interrupted_writes(tmp_path) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(mine)


def test_a_target_that_cannot_be_replaced_fails_the_write_with_nothing_changed(
    tmp_path: Path,
) -> None:
    first, blocked, last = tmp_path / "a.py", tmp_path / "b.py", tmp_path / "conftest.py"
    first.write_text("old a\n", encoding="utf-8")
    last.write_text("old conftest\n", encoding="utf-8")
    blocked.mkdir()  # a directory where a file should go: fails even for root
    (blocked / "keep.txt").write_text("kept\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(WriteError, match="nothing was changed"):
        write_atomically({first: b"new a\n", blocked: b"new b\n", last: b"new\n"}, last=last)
    assert snapshot(tmp_path) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.py", "b.py", "conftest.py"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_read_only_directory_is_refused_before_anything_is_staged(tmp_path: Path) -> None:
    project = copy_tree(PROJECT, tmp_path / "project")
    before = snapshot(project)
    tests = project / "tests"
    tests.chmod(0o555)
    try:
        with pytest.raises(WriteError, match="not writable"):
            api.migrate(tests / "conftest.py").write()
    finally:
        tests.chmod(0o755)
    assert snapshot(project) == before
