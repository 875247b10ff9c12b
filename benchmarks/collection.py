"""What `pytest --collect-only tests/unit` costs: monolith vs migrated vs migrated+lazy vs floor.

In one run: install the heavy libraries of ``benchmarks/requirements.txt`` into a throw-away venv
under ``benchmarks/.work`` (kept between runs), generate a monolithic suite whose conftest imports
them at module level (``collection_suite.py``), split a copy with ``conftest-codemods migrate
--no-lazy``, make a copy of that lazy with ``conftest-codemods lazy`` on each layer module (run with
the venv's interpreter, where the libraries are installed), and build the floor:
the same tests with an empty conftest. Then check that node ids and outcomes are identical
(default environment, and with every gate on) and measure whole pytest processes, warm-up first,
then rounds that rotate the order. Usage: ``python benchmarks/collection.py [--files 1000]``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collection_suite import HEAVY_IMPORTS, SuiteShape, generate_suite
from measure import Run, machine, median_rss, median_seconds, run_once

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
VARIANTS = ("floor", "monolith", "migrated", "lazy")
LAYERS = ("conftest_base", "conftest_mocks", "conftest_services", "conftest_e2e")
GATES_ON = {"USE_REAL_SERVICES": "1", "RUN_E2E_TESTS": "1"}
SECTION = "## Collection cost (issue 4)"
_OUTCOME = re.compile(r"^(\S+::\S+) (PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)")


def main() -> int:
    options = _arguments()
    python = _venv()
    shape = SuiteShape(
        options.files, options.seed, options.tests_per_file, tuple(options.libraries)
    )
    base = WORK / f"suite-seed{options.seed}-n{options.files}"
    trees = _build(base, shape, python)
    problems = _check(trees, python)
    for problem in problems:
        print(f"MISMATCH: {problem}", file=sys.stderr)
    figures = _measure(trees, python, options.rounds)
    report = _report(figures, shape, options.rounds, problems)
    print(report)
    if options.write_results:
        libraries = (
            "default libraries"
            if options.libraries == list(HEAVY_IMPORTS)
            else (", ".join(options.libraries))
        )
        _write_results(report, f"### {options.files} files, seed {options.seed}, {libraries}")
    return 1 if problems else 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--tests-per-file", type=int, default=5)
    parser.add_argument(
        "--libraries", type=lambda text: text.split(","), default=list(HEAVY_IMPORTS)
    )
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


def _build(base: Path, shape: SuiteShape, python: str) -> dict[str, Path]:
    shutil.rmtree(base, ignore_errors=True)
    trees = {name: base / name for name in VARIANTS}
    generate_suite(trees["monolith"], shape)
    shutil.copytree(trees["monolith"], trees["migrated"])
    _tool(["migrate", "tests/conftest.py", "--no-lazy"], trees["migrated"])
    shutil.copytree(trees["migrated"], trees["lazy"])
    for layer in LAYERS:
        if (trees["lazy"] / "tests" / f"{layer}.py").exists():
            _tool(["lazy", f"tests/{layer}.py", "--python", python], trees["lazy"])
    shutil.copytree(trees["monolith"], trees["floor"])
    (trees["floor"] / "tests" / "conftest.py").write_text('"""Empty: the floor."""\n')
    return trees


def _tool(argv: Sequence[str], cwd: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "codemods", *argv], cwd=cwd, capture_output=True, text=True
    )
    if completed.returncode != 0:
        raise SystemExit(f"conftest-codemods {' '.join(argv)} failed:\n{completed.stderr}")


def _pytest(python: str, *args: str) -> list[str]:
    return [python, "-m", "pytest", "-p", "no:cacheprovider", *args]


def _check(trees: dict[str, Path], python: str) -> list[str]:
    """Node ids of the unit collection, and every outcome (default env and gates on)."""
    problems: list[str] = []
    ids = {
        name: _output(_pytest(python, "--collect-only", "-q", "tests/unit"), trees[name])
        for name in VARIANTS
    }
    for name in ("migrated", "lazy", "floor"):
        if ids[name] != ids["monolith"]:
            problems.append(f"unit node ids of {name} differ from the monolith's")
    for label, env in (("default", {}), ("gates on", GATES_ON)):
        outcomes = {
            name: _outcomes(_output(_pytest(python, "-v", "tests"), trees[name], env))
            for name in ("monolith", "migrated", "lazy")
        }
        for name in ("migrated", "lazy"):
            if outcomes[name] != outcomes["monolith"]:
                problems.append(f"{label}: outcomes of {name} differ from the monolith's")
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
        "collect": _pytest(python, "--collect-only", "-q", "tests/unit"),
        "import": [
            python,
            "-c",
            "import sys; sys.path.insert(0, 'tests'); import pytest, conftest",
        ],
        "unit run": _pytest(python, "-q", "tests/unit"),
    }
    figures: Figures = {kind: {name: [] for name in VARIANTS} for kind in commands}
    for kind, command in commands.items():
        names = [name for name in VARIANTS if not (kind == "unit run" and name == "floor")]
        for name in names:  # warm-up (bytecode caches)
            run_once(command, cwd=str(trees[name]))
        for index in range(rounds):
            order = names[index % len(names) :] + names[: index % len(names)]
            for name in order:
                figures[kind][name].append(run_once(command, cwd=str(trees[name])))
        print(f"measured {kind}", file=sys.stderr)
    return figures


def _report(figures: Figures, shape: SuiteShape, rounds: int, problems: list[str]) -> str:
    lines = [
        f"Suite: {shape.files} test files (80 % unit, 15 % integration, 5 % e2e), seed "
        f"{shape.seed}, conftest importing {', '.join(shape.libraries)}; {rounds} rounds "
        "after a warm-up, order rotated each round.",
        f"Machine: {machine()}.",
        "",
        "| command | variant | wall (median) | peak RSS (median) | wall / floor | RSS / floor "
        "| wall / monolith |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for kind, by_variant in figures.items():
        floor, mono = by_variant["floor"], by_variant["monolith"]
        for name, runs in by_variant.items():
            if not runs:
                continue
            wall, rss = median_seconds(runs), median_rss(runs)
            versus_floor = (
                f"{wall / median_seconds(floor):.2f}x | {rss / median_rss(floor):.2f}x"
                if floor
                else "n/a (the floor cannot run the tests) | n/a"
            )
            lines.append(
                f"| {kind} | {name} | {wall:.2f} s | {rss:.0f} MB | {versus_floor} "
                f"| {wall / median_seconds(mono):.2f}x |"
            )
    verdict = "identical" if not problems else "DIFFERENT: " + "; ".join(problems)
    lines += ["", f"Node ids and outcomes (default env and every gate on): {verdict}."]
    return "\n".join(lines)


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
            "a generated suite whose conftest imports real heavy libraries at module level.\n"
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
