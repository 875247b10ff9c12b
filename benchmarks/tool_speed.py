"""How long ``migrate --dry-run`` takes on a 2,000-line conftest, next to a bare libcst parse.

Both are whole processes on the same generated file (see ``generate_conftest.py``), measured
side by side in paired runs after a warm-up. Target: the migrate run (black formatting
included) costs at most 4x the bare parse. Usage: ``python benchmarks/tool_speed.py [--pairs N]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_conftest import generate
from measure import machine, median_rss, median_seconds, paired

TARGET_RATIO = 4.0
BARE_PARSE = "import sys, libcst; libcst.parse_module(open(sys.argv[1], encoding='utf-8').read())"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--lines", type=int, default=2000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        conftest = Path(directory) / "tests" / "conftest.py"
        conftest.parent.mkdir()
        conftest.write_text(generate(arguments.lines), encoding="utf-8")
        lines = conftest.read_text(encoding="utf-8").count("\n")
        bare = [sys.executable, "-c", BARE_PARSE, str(conftest)]
        tool = [sys.executable, "-m", "codemods", "migrate", str(conftest), "--dry-run"]
        parse_runs, tool_runs = paired(bare, tool, arguments.pairs, cwd=directory)
    if any(run.exit_code != 1 for run in tool_runs):
        print("migrate --dry-run did not report pending changes (exit 1)", file=sys.stderr)
        return 2
    parse_s, tool_s = median_seconds(parse_runs), median_seconds(tool_runs)
    ratio = tool_s / parse_s
    print(f"machine: {machine()}")
    print(f"conftest: {lines} lines, {arguments.pairs} paired runs after a warm-up")
    for label, seconds, runs in (
        ("bare libcst.parse_module process", parse_s, parse_runs),
        ("migrate --dry-run process", tool_s, tool_runs),
    ):
        print(f"{label:34} {seconds:.3f} s, peak RSS {median_rss(runs):.0f} MB")
    verdict = "meets" if ratio <= TARGET_RATIO else "misses"
    print(f"ratio: {ratio:.2f}x ({verdict} the {TARGET_RATIO:.0f}x target)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
