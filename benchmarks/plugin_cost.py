"""What the installed pytest plugin costs a run that asks for no measuring (issue 16.3).

``pip install conftest-codemods`` registers ``codemods.runtime.plugin`` as a ``pytest11``
entry point, so every pytest run in that environment loads it. With profiling off it should
cost nothing measurable. Two figures back that:

1. Import time: ``python -X importtime -c "import pytest; import codemods.runtime.plugin"``,
   the cumulative time of everything imported after pytest (the plugin, its package and any
   standard module pytest had not loaded), median over runs.
2. Whole processes: ``pytest --collect-only -q`` on a small generated suite, with
   ``-p no:conftest_codemods`` (the plugin blocked) and without (the plugin autoloaded, as
   installed). Paired runs alternate their order after a warm-up of each; reported are
   medians of wall time, CPU time and peak RSS and the median of the per-pair ratios.

Usage: ``python benchmarks/plugin_cost.py [--pairs N] [--imports N]``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Run, machine, median_cpu, median_rss, median_seconds, paired

TEST_MODULES = 20
TESTS_PER_MODULE = 10
FIXTURES = 10


def write_suite(root: Path) -> Path:
    """A small suite: one conftest with a few fixtures, a few hundred tests to collect."""
    fixtures = "\n\n".join(
        f"@pytest.fixture\ndef f{index}():\n    return {index}\n" for index in range(FIXTURES)
    )
    (root / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (root / "conftest.py").write_text(f"import pytest\n\n\n{fixtures}", encoding="utf-8")
    for module in range(TEST_MODULES):
        tests = "\n\n".join(
            f"def test_{number}(f{number % FIXTURES}):\n    assert f{number % FIXTURES} >= 0\n"
            for number in range(TESTS_PER_MODULE)
        )
        (root / f"test_m{module:02d}.py").write_text(tests, encoding="utf-8")
    return root


def import_microseconds(runs: int, env: dict[str, str]) -> list[int]:
    """Per run (after a warm-up that writes the bytecode caches): cumulative import time of
    what ``import codemods.runtime.plugin`` adds."""
    command = [
        sys.executable,
        "-X",
        "importtime",
        "-c",
        "import pytest; import codemods.runtime.plugin",
    ]
    results = []
    subprocess.run(command, capture_output=True, env=env, check=True)
    for _ in range(runs):
        completed = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
        entries = []
        for line in completed.stderr.splitlines():
            if not line.startswith("import time:") or "cumulative" in line:
                continue
            _, cumulative, name = line.removeprefix("import time:").split("|")
            entries.append((len(name) - len(name.lstrip()), int(cumulative), name.strip()))
        top = min(depth for depth, _, _ in entries)
        outermost = [(cumulative, name) for depth, cumulative, name in entries if depth == top]
        after_pytest = [name for _, name in outermost].index("pytest") + 1
        results.append(sum(cumulative for cumulative, _ in outermost[after_pytest:]))
    return results


def paired_ratio(first: Sequence[Run], second: Sequence[Run], field: str) -> float:
    """Median over pairs of (second / first)."""
    return statistics.median(
        getattr(b, field) / getattr(a, field) for a, b in zip(first, second, strict=True)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=30)
    parser.add_argument("--imports", type=int, default=30)
    arguments = parser.parse_args()
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTEST_", "CONFTEST_")) and name != "PYTHONDONTWRITEBYTECODE"
    }
    load = os.getloadavg()[0]
    imports = import_microseconds(arguments.imports, env)
    pytest = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
    with tempfile.TemporaryDirectory(prefix="plugin-cost-") as directory:
        suite = str(write_suite(Path(directory)))
        blocked, loaded = paired(
            [*pytest, "-p", "no:conftest_codemods"], pytest, arguments.pairs, cwd=suite, env=env
        )
    if any(run.exit_code != 0 for run in (*blocked, *loaded)):
        raise SystemExit("a pytest --collect-only run failed")
    print(f"machine: {machine()}; {datetime.date.today().isoformat()}")
    print(f"load average: {load:.2f} at start, {os.getloadavg()[0]:.2f} at end")
    print(
        f"import codemods.runtime.plugin after pytest: median {statistics.median(imports)} us, "
        f"min {min(imports)} us ({arguments.imports} runs)"
    )
    print(
        f"pytest --collect-only -q, {TEST_MODULES * TESTS_PER_MODULE} tests in {TEST_MODULES} "
        f"modules, {arguments.pairs} pairs in alternating order:"
    )
    print("| plugin | median wall | median CPU | median peak RSS |")
    print("| --- | --- | --- | --- |")
    for label, runs in (("blocked (-p no:conftest_codemods)", blocked), ("loaded", loaded)):
        print(
            f"| {label} | {median_seconds(runs):.3f} s | {median_cpu(runs):.3f} s "
            f"| {median_rss(runs):.1f} MB |"
        )
    print(
        f"loaded / blocked, median of pairs: wall {paired_ratio(blocked, loaded, 'seconds'):.3f}, "
        f"CPU {paired_ratio(blocked, loaded, 'cpu_seconds'):.3f}, "
        f"peak RSS {paired_ratio(blocked, loaded, 'peak_rss_mb'):.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
