"""``check`` on a hand-written conftest reads only the ``ast``: libcst is never imported.

libcst's import alone costs about as much as parsing a 2,000-line file with it, so loading it
would put ``check`` far above its budget (1.5x a bare ``libcst.parse_module`` process,
``benchmarks/tool_speed.py``). Run in a fresh interpreter, since the test session has long
imported libcst.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

PANDAS = Path(__file__).resolve().parent.parent / "corpus" / "vendored" / "pandas_conftest.py"
CHECK_AND_REPORT_MODULES = """
import json, sys
from pathlib import Path
from codemods.lint import lint
result = lint([Path(sys.argv[1])])
print(json.dumps({
    "codes": sorted({finding.code for finding in result.findings}),
    "loaded": sorted(name for name in ("libcst", "black") if name in sys.modules),
}))
"""


def test_check_of_a_hand_written_conftest_never_imports_libcst(tmp_path: Path) -> None:
    project = tmp_path / "pandas"
    project.mkdir()
    shutil.copy(PANDAS, project / "conftest.py")
    completed = subprocess.run(
        [sys.executable, "-c", CHECK_AND_REPORT_MODULES, str(project)],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(completed.stdout)
    assert {"CC001", "CC007"} <= set(report["codes"])  # the rules that read the file ran
    assert report["loaded"] == []
