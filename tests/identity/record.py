"""Record what every command says and does on every input we have, to prove a refactor changed
nothing (issue 15: "behaviour is byte-identical before and after").

Inputs: each golden case's ``before/`` and ``after/`` trees, the bundled example, and every
corpus conftest (``python tests/corpus/fetch.py`` first; missing corpus is skipped). On a fresh
copy of each tree it runs, as a user would, ``migrate --dry-run`` (text and JSON), ``check``
(text and JSON), ``graph``, ``fix`` (then the files it left), ``lazy --dry-run`` and
``profile-decorate --dry-run``, and records exit code, stdout and stderr with the copy's path
replaced by ``<ROOT>``.

Usage::

    python tests/identity/record.py --out before.json          # on the old commit
    python tests/identity/record.py --out after.json           # on the new one
    python tests/identity/record.py --compare before.json after.json
    python tests/identity/record.py --out g.json --only golden/   # a subset (repeatable)

``--compare`` prints every difference and exits 1 if there is any. Measuring is off
(``CONFTEST_CODEMODS_MEASURE=0``, ``lazy --no-measure``) and every command starts from an empty
cache, so the records do not depend on the machine. To record an older commit, run this file
with ``PYTHONPATH`` set to a checkout of it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))

from treeutil import copy_tree, snapshot  # noqa: E402

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CORPUS = REPO / "tests" / "corpus" / "cache" / "conftests"
ENVIRONMENT = {**os.environ, "CONFTEST_CODEMODS_MEASURE": "0", "NO_COLOR": "1", "COLUMNS": "100"}
ENVIRONMENT.pop("FORCE_COLOR", None)


def _run(argv: list[str], cwd: Path) -> dict[str, object]:
    # An empty cache per command: cached import costs would make the output depend on what
    # ran on this machine before.
    with tempfile.TemporaryDirectory() as cache:
        done = subprocess.run(
            [sys.executable, "-m", "codemods", *argv],
            cwd=cwd,
            env={**ENVIRONMENT, "CONFTEST_CODEMODS_CACHE_DIR": cache},
            capture_output=True,
            text=True,
            timeout=900,
        )
    root = str(cwd)
    return {
        "exit": done.returncode,
        "stdout": done.stdout.replace(root, "<ROOT>"),
        "stderr": done.stderr.replace(root, "<ROOT>"),
    }


def _tree_digest(root: Path) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest()[:16] for name, data in snapshot(root).items()}


def _record_tree(
    name: str, source: Path, conftests: list[str], migrate: list[str]
) -> dict[str, object]:
    records: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as scratch:
        tree = copy_tree(source, Path(scratch) / "t")
        for conftest in conftests:
            if migrate:
                records[f"migrate {conftest}"] = _run([*migrate, "--dry-run"], tree)
                records[f"migrate-json {conftest}"] = _run(
                    [*migrate, "--dry-run", "--output-format", "json"], tree
                )
            records[f"graph {conftest}"] = _run(["graph", conftest], tree)
            # ``lazy`` measures import times by default: timings near the threshold would
            # make two recordings of the same commit differ.
            records[f"lazy {conftest}"] = _run(
                ["lazy", conftest, "--dry-run", "--no-measure"], tree
            )
            records[f"profile-decorate {conftest}"] = _run(
                ["profile-decorate", conftest, "--dry-run"], tree
            )
        records["check"] = _run(["check", "."], tree)
        records["check-json"] = _run(["check", ".", "--output-format", "json"], tree)
        before = _tree_digest(tree)
        records["fix"] = _run(["fix", "."], tree)
        after = _tree_digest(tree)
        records["fix-files"] = {k: v for k, v in after.items() if before.get(k) != v}
    return {name: records}


def _jobs() -> list[tuple[str, Path, list[str], list[str]]]:
    jobs = []
    for case in sorted(p for p in (REPO / "golden").iterdir() if p.is_dir()):
        spec = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
        argv = list(spec["argv"])
        target = argv[1] if len(argv) > 1 else "tests/conftest.py"
        if (case / "before").is_dir():
            jobs.append(
                (
                    f"golden/{case.name}/before",
                    case / "before",
                    [target],
                    argv[:2] if argv[0] == "migrate" else ["migrate", target],
                )
            )
        if (case / "after").is_dir():
            jobs.append((f"golden/{case.name}/after", case / "after", [target], []))
    jobs.append(
        (
            "examples/shop",
            REPO / "examples" / "shop",
            ["tests/conftest.py"],
            ["migrate", "tests/conftest.py"],
        )
    )
    if CORPUS.is_dir():
        for package in sorted(CORPUS.iterdir()):
            found = sorted(p.relative_to(package).as_posix() for p in package.rglob("conftest.py"))
            for conftest in found:
                jobs.append(
                    (
                        f"corpus/{package.name}/{conftest}",
                        package,
                        [conftest],
                        ["migrate", conftest],
                    )
                )
    return jobs


def record(out: Path, workers: int, only: list[str]) -> None:
    jobs = [job for job in _jobs() if not only or job[0].startswith(tuple(only))]
    results: dict[str, object] = {}
    with ThreadPoolExecutor(workers) as pool:
        for done in pool.map(lambda job: _record_tree(*job), jobs):
            results.update(done)
            print(next(iter(done)), file=sys.stderr, flush=True)
    out.write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")


INTERPRETER = re.compile(r"/\S+/bin/python[\d.]*")
"""The interpreter ``migrate`` asked, which names the venv the record was made in."""
COST = re.compile(r"\d+ ms, [+-][\d.]+ MB")
"""A cached import measurement in the gain's estimate: it varies with the machine's load."""


def _load(path: Path, skip: list[str]) -> dict[str, dict[str, object]]:
    text = COST.sub("<cost>", INTERPRETER.sub("<PYTHON>", path.read_text(encoding="utf-8")))
    records = json.loads(text)
    return {
        name: {c: v for c, v in commands.items() if not c.startswith(tuple(skip))}
        for name, commands in records.items()
    }


def compare(old: Path, new: Path, only: list[str], skip: list[str]) -> int:
    before = _load(old, skip)
    after = _load(new, skip)
    if only:
        before = {name: v for name, v in before.items() if name.startswith(tuple(only))}
        after = {name: v for name, v in after.items() if name.startswith(tuple(only))}
    differences = 0
    for name in sorted(before.keys() | after.keys()):
        if name not in before or name not in after:
            print(f"{name}: only in {'new' if name in after else 'old'}")
            differences += 1
            continue
        for command in sorted(before[name].keys() | after[name].keys()):
            if before[name].get(command) != after[name].get(command):
                print(f"{name}: {command} differs")
                print(f"  old: {json.dumps(before[name].get(command))[:600]}")
                print(f"  new: {json.dumps(after[name].get(command))[:600]}")
                differences += 1
    print(f"{differences} difference(s) over {len(before)} inputs")
    return 1 if differences else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--only", action="append", default=[], help="input name prefix (repeatable)"
    )
    parser.add_argument(
        "--skip", action="append", default=[], help="--compare: command prefix to leave out"
    )
    options = parser.parse_args()
    if options.compare:
        return compare(*options.compare, options.only, options.skip)
    if options.out is None:
        parser.error("give --out FILE or --compare OLD NEW")
    record(options.out, options.workers, options.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
