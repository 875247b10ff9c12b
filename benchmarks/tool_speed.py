"""Whole-process speed of ``migrate --dry-run`` and ``check``, next to a bare libcst parse.

Every figure comes from paired runs after a warm-up (``measure.py``), with the tool's modules
compiled once into a temporary bytecode cache as an installed tool's are (both commands of a
pair get the same environment).

- migrate: ``migrate --dry-run`` on a generated conftest (see ``generate_conftest.py``) against
  a bare ``libcst.parse_module`` process on the same file. Target: at most 4x, black included.
- check: ``check`` on the vendored 2,192-line pandas conftest (``tests/corpus/vendored``,
  copied to a ``conftest.py``) against the bare parse of that file. Target: at most 1.5x.
- check tree: ``check`` on a tree of generated conftests, one per directory, with one worker
  (``CONFTEST_CODEMODS_JOBS=1``) and with the default, one per core; prints the speed-up.
- startup: the installed ``conftest-codemods`` script's ``--version``, ``--help`` and ``check``
  of a clean one-conftest tree, next to ``black --version`` and a bare interpreter
  (``python -c pass``), all in each round, the order rotating from round to round. Targets:
  ``--version`` at most 0.6x and ``--help`` at most 1.0x ``black --version``.

Usage: ``python benchmarks/tool_speed.py [--pairs N] [--only migrate|check|tree|startup]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_conftest import generate
from measure import Run, machine, median_cpu, median_rss, median_seconds, paired, rounds

MIGRATE_TARGET = 4.0
CHECK_TARGET = 1.5
PANDAS_CONFTEST = (
    Path(__file__).resolve().parent.parent / "tests" / "corpus" / "vendored" / "pandas_conftest.py"
)
BARE_PARSE = "import sys, libcst; libcst.parse_module(open(sys.argv[1], encoding='utf-8').read())"
TOOL = [sys.executable, "-m", "codemods"]
SCRIPTS = Path(sys.executable).parent
STARTUP_TARGETS = {"--version": 0.6, "--help": 1.0}
CLEAN_CONFTEST = "import pytest\n\n\n@pytest.fixture\ndef answer():\n    return 42\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--lines", type=int, default=2000, help="of the migrate conftest")
    parser.add_argument("--tree-files", type=int, default=200)
    parser.add_argument("--tree-pairs", type=int, default=3)
    parser.add_argument("--startup-rounds", type=int, default=21)
    parser.add_argument("--only", choices=("migrate", "check", "tree", "startup"))
    arguments = parser.parse_args()
    print(f"machine: {machine()}, load {_load()}")
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        env = _compiled_env(root / "pycache")
        steps = {
            "migrate": lambda: _migrate(root / "migrate", arguments.lines, arguments.pairs, env),
            "check": lambda: _check(root / "check", arguments.pairs, env),
            "tree": lambda: _tree(root / "tree", arguments.tree_files, arguments.tree_pairs, env),
            "startup": lambda: _startup(root / "startup", arguments.startup_rounds, env),
        }
        failed = [name for name, step in steps.items() if arguments.only in (None, name) and step()]
    print(f"load afterwards {_load()}")
    return 2 if failed else 0


def _migrate(directory: Path, lines: int, pairs: int, env: Mapping[str, str]) -> bool:
    """Whether it failed."""
    conftest = directory / "tests" / "conftest.py"
    conftest.parent.mkdir(parents=True)
    conftest.write_text(generate(lines), encoding="utf-8")
    count = conftest.read_text(encoding="utf-8").count("\n")
    print(f"\nmigrate: generated conftest of {count} lines, {pairs} paired runs after a warm-up")
    # With and without the lazy-import step, whose scope analysis of each layer module with a
    # heavy import is most of the difference.
    for options in ((), ("--no-lazy",)):
        command = " ".join(("migrate --dry-run", *options))
        tool = [*TOOL, "migrate", str(conftest), "--dry-run", *options]
        bare, runs = paired(_bare(conftest), tool, pairs, cwd=str(directory), env=env)
        if any(run.exit_code != 1 for run in runs):
            print(f"{command} did not report pending changes (exit 1)", file=sys.stderr)
            return True
        _compare("bare libcst.parse_module process", bare, f"{command} process", runs)
    _verdict(median_seconds(runs) / median_seconds(bare), MIGRATE_TARGET)
    return False


def _check(directory: Path, pairs: int, env: Mapping[str, str]) -> bool:
    """Whether it failed."""
    conftest = directory / "pandas" / "conftest.py"
    conftest.parent.mkdir(parents=True)
    shutil.copyfile(PANDAS_CONFTEST, conftest)
    tool = [*TOOL, "check", str(conftest.parent)]
    bare, runs = paired(_bare(conftest), tool, pairs, cwd=str(directory), env=env)
    if any(run.exit_code != 1 for run in runs):
        print("check did not report findings (exit 1) on the pandas conftest", file=sys.stderr)
        return True
    count = conftest.read_text(encoding="utf-8").count("\n")
    print(f"\ncheck: vendored pandas conftest, {count} lines, {pairs} paired runs after a warm-up")
    _compare("bare libcst.parse_module process", bare, "check process", runs)
    _verdict(median_seconds(runs) / median_seconds(bare), CHECK_TARGET)
    return False


def _tree(directory: Path, files: int, pairs: int, env: Mapping[str, str]) -> bool:
    """Whether it failed."""
    for number in range(files):
        conftest = directory / "tests" / f"suite_{number:03}" / "conftest.py"
        conftest.parent.mkdir(parents=True)
        conftest.write_text(generate(150 + 20 * (number % 10)), encoding="utf-8")
    check = [*TOOL, "check", "tests"]
    one = ["env", "CONFTEST_CODEMODS_JOBS=1", *check]
    alone, spread = paired(one, check, pairs, cwd=str(directory), env=env)
    if any(run.exit_code not in (0, 1) for run in [*alone, *spread]):
        print("check failed on the generated tree", file=sys.stderr)
        return True
    lines = sum(path.read_text().count("\n") for path in directory.glob("tests/*/conftest.py"))
    print(f"\ncheck tree: {files} generated conftests ({lines} lines), {pairs} paired runs")
    _compare("check, 1 worker", alone, f"check, {os.cpu_count()} workers (default)", spread)
    print(f"speed-up: {median_seconds(alone) / median_seconds(spread):.2f}x wall time")
    return False


def _startup(directory: Path, count: int, env: Mapping[str, str]) -> bool:
    """Whether it failed."""
    conftest = directory / "tests" / "conftest.py"
    conftest.parent.mkdir(parents=True)
    conftest.write_text(CLEAN_CONFTEST, encoding="utf-8")
    tool = str(SCRIPTS / "conftest-codemods")
    commands = {
        "black --version": [str(SCRIPTS / "black"), "--version"],
        "python -c pass": [sys.executable, "-c", "pass"],
        "conftest-codemods --version": [tool, "--version"],
        "conftest-codemods --help": [tool, "--help"],
        "conftest-codemods check (clean)": [tool, "check", "tests"],
    }
    runs = rounds(list(commands.values()), count, cwd=str(directory), env=env)
    if any(run.exit_code != 0 for series in runs for run in series):
        print("a start-up command failed", file=sys.stderr)
        return True
    timed = dict(zip(commands, runs, strict=True))
    black = median_seconds(timed["black --version"])
    black_cpu = median_cpu(timed["black --version"])
    print(f"\nstartup: {count} rounds of all five commands, order rotating, after a warm-up")
    for label, series in timed.items():
        print(
            f"{label:32} {median_seconds(series) * 1000:6.1f} ms wall, "
            f"{median_cpu(series) * 1000:6.1f} ms CPU, peak RSS {median_rss(series):.0f} MB, "
            f"{median_seconds(series) / black:.2f}x black --version "
            f"({median_cpu(series) / black_cpu:.2f}x CPU)"
        )
    for flag, target in STARTUP_TARGETS.items():
        ratio = median_seconds(timed[f"conftest-codemods {flag}"]) / black
        print(f"{flag}: ", end="")
        _verdict(ratio, target)
    python, check = timed["python -c pass"], timed["conftest-codemods check (clean)"]
    print(
        f"check (clean) costs {(median_seconds(check) - median_seconds(python)) * 1000:.0f} ms "
        f"wall, {(median_cpu(check) - median_cpu(python)) * 1000:.0f} ms CPU more than the bare "
        "interpreter"
    )
    return False


def _bare(conftest: Path) -> list[str]:
    return [sys.executable, "-c", BARE_PARSE, str(conftest)]


def _compare(first: str, a: Sequence[Run], second: str, b: Sequence[Run]) -> None:
    for label, runs in ((first, a), (second, b)):
        print(
            f"{label:34} {median_seconds(runs):6.3f} s wall, {median_cpu(runs):6.3f} s CPU, "
            f"peak RSS {median_rss(runs):.0f} MB"
        )
    wall = median_seconds(b) / median_seconds(a)
    cpu = median_cpu(b) / median_cpu(a)
    print(f"ratio: {wall:.2f}x wall time, {cpu:.2f}x CPU time (user + system)")


def _verdict(ratio: float, target: float) -> None:
    verdict = "meets" if ratio <= target else "misses"
    print(f"{verdict} the {target:g}x target (wall time)")


def _compiled_env(cache: Path) -> dict[str, str]:
    """This environment with bytecode written to ``cache``: without it (e.g. under
    ``PYTHONDONTWRITEBYTECODE``) every run would compile the tool's sources again, which an
    installed tool never does."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    raise SystemExit(main())
