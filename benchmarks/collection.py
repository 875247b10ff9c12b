"""What the default run costs on an application suite: floor vs monolith vs migrated (issue 13).

In one run: install the libraries of ``benchmarks/requirements.txt`` into a throw-away venv under
``benchmarks/.work`` (kept between runs), generate an application suite with a monolithic
conftest (``collection_suite.py``: models and factories used by unit tests, an import-time
client, annotations naming heavy types, ``if``/``try`` blocks and ``os.environ.setdefault`` among
the imports), migrate a copy with ``conftest-codemods migrate`` and its defaults, the suite's venv
active (``VIRTUAL_ENV``) as a user would run it, and build the floor: the same tests with an
empty conftest. Then check that node ids and outcomes are identical (default environment, and
with every gate on), and measure whole processes: a warm-up of each variant, then rounds that
run every variant back to back, the order rotating. Ratios are paired: the median over rounds
of (variant / floor) in the same round. The verdict compares them with the targets of issue 13:
unit collection peak RSS <= 1.08x the floor, wall <= 1.10x, ids and outcomes identical.

Usage: ``python benchmarks/collection.py [--files 300] [--rounds 5] [--write-results]``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collection_suite import LIBRARIES, SuiteShape, conftest_lines, generate_suite
from measure import Run, machine, median_rss, median_seconds, run_once

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
VARIANTS = ("floor", "monolith", "migrated")
GATES_ON = {"USE_REAL_SERVICES": "1", "RUN_E2E_TESTS": "1"}
TARGET_RSS = 1.08
TARGET_WALL = 1.10
SECTION = "## Collection cost of an application suite (issue 13)"
_OUTCOME = re.compile(r"^(\S+::\S+) (PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)")


def main() -> int:
    options = _arguments()
    python = _venv()
    shape = SuiteShape(options.files, options.seed, options.tests_per_file)
    base = WORK / f"app-seed{options.seed}-n{options.files}"
    trees, summary = _build(base, shape, python)
    problems = _check(trees, python)
    for problem in problems:
        print(f"MISMATCH: {problem}", file=sys.stderr)
    figures = _measure(trees, python, options.rounds)
    report = _report(figures, shape, conftest_lines(trees["monolith"]), options, problems, summary)
    print(report)
    if options.write_results:
        heading = f"### {options.files} files, seed {options.seed}, {options.rounds} rounds"
        _write_results(report, heading)
    return 1 if problems else 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300, help="test files (80 %% unit)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--tests-per-file", type=int, default=5)
    parser.add_argument("--write-results", action="store_true", help="update RESULTS.md")
    return parser.parse_args()


def _venv() -> str:
    """The benchmark venv's python, created and filled from requirements.txt when missing."""
    venv = WORK / "venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        requirements = str(HERE / "requirements.txt")
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", requirements], check=True)
    return str(python)


def _build(base: Path, shape: SuiteShape, python: str) -> tuple[dict[str, Path], list[str]]:
    """The three trees, and what ``migrate`` printed (its summary: the gain and the blockers)."""
    shutil.rmtree(base, ignore_errors=True)
    trees = {name: base / name for name in VARIANTS}
    generate_suite(trees["monolith"], shape)
    shutil.copytree(trees["monolith"], trees["migrated"])
    venv = str(Path(python).parent.parent)
    env = {**os.environ, "VIRTUAL_ENV": venv, "PATH": f"{venv}/bin{os.pathsep}{os.environ['PATH']}"}
    # A cache of its own, emptied: migrate's gain is measured afresh on every benchmark run.
    shutil.rmtree(WORK / "cache", ignore_errors=True)
    env["CONFTEST_CODEMODS_CACHE_DIR"] = str(WORK / "cache")
    completed = subprocess.run(
        [sys.executable, "-m", "codemods", "migrate", "tests/conftest.py"],
        cwd=trees["migrated"],
        env=env,
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        raise SystemExit(f"conftest-codemods migrate failed:\n{completed.stderr}")
    shutil.copytree(trees["monolith"], trees["floor"])
    (trees["floor"] / "tests" / "conftest.py").write_text('"""Empty: the floor."""\n')
    return trees, completed.stderr.splitlines()


def _pytest(python: str, *args: str) -> list[str]:
    return [python, "-m", "pytest", "-p", "no:cacheprovider", *args]


def _check(trees: dict[str, Path], python: str) -> list[str]:
    """Node ids of the unit collection, and every outcome (default env and gates on)."""
    problems: list[str] = []
    ids = {
        name: _output(_pytest(python, "--collect-only", "-q", "tests/unit"), trees[name])
        for name in VARIANTS
    }
    for name in ("migrated", "floor"):
        if ids[name] != ids["monolith"]:
            problems.append(f"unit node ids of {name} differ from the monolith's")
    for label, env in (("default", {}), ("gates on", GATES_ON)):
        outcomes = {
            name: _outcomes(_output(_pytest(python, "-v", "tests"), trees[name], env))
            for name in ("monolith", "migrated")
        }
        if outcomes["migrated"] != outcomes["monolith"]:
            problems.append(f"{label}: outcomes of migrated differ from the monolith's")
        counts = sorted(set(outcomes["monolith"].values()))
        print(f"outcomes ({label}): {len(outcomes['monolith'])} tests, {counts}", file=sys.stderr)
    return problems


def _output(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> list[str]:
    environment = {**os.environ, **(env or {})}
    for name in GATES_ON:
        if env is None or name not in env:
            environment.pop(name, None)
    completed = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True)
    return [line for line in completed.stdout.splitlines() if "::" in line]


def _outcomes(lines: list[str]) -> dict[str, str]:
    found = (_OUTCOME.match(line) for line in lines)
    return {match[1]: match[2] for match in found if match}


Figures = dict[str, dict[str, list[Run]]]


def _measure(trees: dict[str, Path], python: str, rounds: int) -> Figures:
    commands = {
        "collect tests/unit": _pytest(python, "--collect-only", "-q", "tests/unit"),
        "import conftest": [
            python,
            "-c",
            "import sys; sys.path[:0] = ['tests', '.']; import pytest, conftest",
        ],
        "run tests/unit": _pytest(python, "-q", "tests/unit"),
    }
    figures: Figures = {kind: {name: [] for name in VARIANTS} for kind in commands}
    environment = {k: v for k, v in os.environ.items() if k not in GATES_ON}
    for kind, command in commands.items():
        names = [name for name in VARIANTS if not (kind.startswith("run") and name == "floor")]
        for name in names:  # warm-up (bytecode caches)
            run_once(command, cwd=str(trees[name]), env=environment)
        for index in range(rounds):
            order = names[index % len(names) :] + names[: index % len(names)]
            for name in order:
                run = run_once(command, cwd=str(trees[name]), env=environment)
                figures[kind][name].append(run)
        print(f"measured {kind}", file=sys.stderr)
    return figures


def _paired(runs: Sequence[Run], reference: Sequence[Run], what: str) -> float:
    """The median over rounds of this variant's figure over the reference's in the same round."""
    pairs = zip(runs, reference, strict=True)
    if what == "rss":
        return statistics.median(a.peak_rss_mb / b.peak_rss_mb for a, b in pairs)
    return statistics.median(a.seconds / b.seconds for a, b in pairs)


def _report(
    figures: Figures,
    shape: SuiteShape,
    lines_of_conftest: int,
    options: argparse.Namespace,
    problems: list[str],
    migrate_output: list[str],
) -> str:
    lines = [
        f"Suite: {shape.files} test files, {shape.tests_per_file} tests each (80 % unit, 15 % "
        f"integration, 5 % e2e), seed {shape.seed}; a {lines_of_conftest}-line conftest "
        f"importing {', '.join(LIBRARIES)} and the application; `migrate` with its defaults, "
        f"the suite's venv active. {options.rounds} rounds after a warm-up, order rotated; "
        "ratios paired per round (median of the per-round ratios).",
        f"Machine: {machine()}; load average {_load()} at the end.",
        "",
        "| command | variant | wall (median) | peak RSS (median) | wall / floor | RSS / floor "
        "| wall / monolith | RSS / monolith |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for kind, by_variant in figures.items():
        floor, mono = by_variant["floor"], by_variant["monolith"]
        for name, runs in by_variant.items():
            if not runs:
                continue
            versus_floor = (
                f"{_paired(runs, floor, 'wall'):.2f}x | {_paired(runs, floor, 'rss'):.2f}x"
                if floor
                else "n/a | n/a"
            )
            lines.append(
                f"| {kind} | {name} | {median_seconds(runs):.2f} s | {median_rss(runs):.0f} MB "
                f"| {versus_floor} | {_paired(runs, mono, 'wall'):.2f}x "
                f"| {_paired(runs, mono, 'rss'):.2f}x |"
            )
    lines += ["", *_verdict(figures["collect tests/unit"], problems)]
    gain = [line for line in migrate_output if line.startswith(("default run", "what keeps", "  "))]
    if gain:
        lines += ["", "What `migrate` printed about the gain (its own measurement):", "", "```"]
        lines += [*gain, "```"]
    return "\n".join(lines)


def _verdict(collect: dict[str, list[Run]], problems: list[str]) -> list[str]:
    rss = _paired(collect["migrated"], collect["floor"], "rss")
    wall = _paired(collect["migrated"], collect["floor"], "wall")

    def judged(ok: bool) -> str:
        return "met" if ok else "MISSED"

    same = "identical" if not problems else "DIFFERENT: " + "; ".join(problems)
    return [
        "Verdict against the targets of issue 13 (migrated vs floor, `pytest --collect-only "
        "tests/unit`):",
        f"- peak RSS {rss:.2f}x (target <= {TARGET_RSS:.2f}x): {judged(rss <= TARGET_RSS)}",
        f"- wall {wall:.2f}x (target <= {TARGET_WALL:.2f}x): {judged(wall <= TARGET_WALL)}",
        f"- node ids and outcomes, default env and every gate on: {same} ({judged(not problems)})",
    ]


def _load() -> str:
    try:
        return " ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _write_results(report: str, heading: str) -> None:
    """Put ``report`` under ``heading`` in this benchmark's section of RESULTS.md: replace a
    subsection of the same heading (a rerun), else add one; other sections stay as they are."""
    path = HERE / "RESULTS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    subsection = f"{heading}\n\n{report}\n"
    start = text.find(SECTION)
    if start < 0:
        intro = (
            "`python benchmarks/collection.py` (see its docstring): whole `pytest` processes on "
            "a generated application suite whose conftest imports real heavy libraries.\n"
        )
        text = text.rstrip("\n") + f"\n\n{SECTION}\n\n{intro}\n{subsection}"
    else:
        end = text.find("\n## ", start + len(SECTION))
        end = len(text) if end < 0 else end + 1
        body = text[start:end]
        old = body.find(heading + "\n")
        if old >= 0:
            stop = body.find("\n### ", old + len(heading))
            stop = len(body) if stop < 0 else stop + 1
            body = body[:old] + subsection + ("\n" if stop < len(body) else "") + body[stop:]
        else:
            body = body.rstrip("\n") + "\n\n" + subsection + ("\n" if end < len(text) else "")
        text = text[:start] + body + text[end:]
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
