"""The gain ``migrate`` reports: the default run's collection measured before and after on
copies of a real small suite, the static estimate, the cache, and ``--verify``'s memory line.

The suite's "heavy library" is a real module of the standard library only that holds 60 MB
once imported and appends a line to a counter file each time a process imports it, so the
tests can tell how many pytest processes ran without timing anything.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from codemods import api
from codemods.cli import app
from codemods.gain.assess import Mode
from codemods.gain.default_run import default_run_paths
from codemods.verify.migration import verify_migration

pytestmark = pytest.mark.slow

HEAVY = '''"""A stand-in for a heavy library: 60 MB resident once imported."""
import os

BLOB = b"x" * (60 * 1024 * 1024)
if os.environ.get("GAIN_COUNTER"):
    with open(os.environ["GAIN_COUNTER"], "a", encoding="utf-8") as counter:
        counter.write("imported\\n")
'''

CONFTEST = '''"""Suite configuration."""
import pytest
import heavy_lib


@pytest.fixture
def number():
    return 1


# conftest: services
@pytest.fixture
def blob():
    return heavy_lib.BLOB[:3]
'''

UNIT = """def test_number(number):
    assert number == 1
"""

INTEGRATION = """def test_blob(blob):
    assert blob == b"xxx"
"""

PYPROJECT = """[tool.pytest.ini_options]
testpaths = ["tests"]

[tool.conftest-codemods]
heavy-imports = ["heavy_lib"]
"""


@pytest.fixture
def suite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    for path, text in {
        "pyproject.toml": PYPROJECT,
        "tests/conftest.py": CONFTEST,
        "tests/heavy_lib.py": HEAVY,
        "tests/unit/test_unit.py": UNIT,
        "tests/integration/test_blob.py": INTEGRATION,
    }.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    monkeypatch.setenv("GAIN_COUNTER", str(tmp_path / "counter.txt"))
    monkeypatch.setenv("CONFTEST_CODEMODS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CONFTEST_CODEMODS_MEASURE")
    return root


def imports_counted(tmp_path: Path) -> int:
    counter = tmp_path / "counter.txt"
    return len(counter.read_text(encoding="utf-8").splitlines()) if counter.exists() else 0


def test_default_run_leaves_out_gated_directories(suite: Path) -> None:
    tests = suite / "tests"
    assert default_run_paths(tests, {"integration"}, suite) == [tests / "unit"]
    assert default_run_paths(tests, set(), suite) == [tests]
    assert default_run_paths(tests / "integration", {"integration"}, suite) == []
    # Only directories below the project root count: the checkout may live in any directory.
    assert default_run_paths(tests, {"integration", suite.name}, suite) == [tests / "unit"]


def test_measured_gain_shows_the_heavy_import_gone(suite: Path, tmp_path: Path) -> None:
    before = snapshot_of(suite)
    result = api.migrate(suite / "tests" / "conftest.py", gain=Mode.MEASURE)
    gain = result.gain
    assert gain is not None and gain.measurement is not None, gain
    measured = gain.measurement
    assert gain.paths == ("tests/unit",)
    assert measured.command == "pytest --collect-only -q tests/unit"
    # The monolith's collection holds the 60 MB blob; the migrated default run never imports
    # conftest_services.py, so it does not.
    assert measured.before.peak_rss_mb - measured.after.peak_rss_mb > 40
    assert measured.rss_ratio < 0.9
    assert measured.gated_loaded == ()
    assert not measured.cached
    assert result.summary[-3:] == (
        *gain.lines()[:2],
        "what keeps the default run heavy: nothing the conftest imports",
    )
    assert result.summary[-3].startswith("default run: pytest --collect-only -q tests/unit")
    assert "after/before: RSS" in result.summary[-2]
    # The import-warnings probe (once), the recorder and the paired runs of the monolith
    # imported it; the migrated copy never did.
    assert imports_counted(tmp_path) == 1 + 1 + measured.pairs
    assert snapshot_of(suite) == before, "measuring must never touch the user's tree"


def test_second_run_reads_the_cache(suite: Path, tmp_path: Path) -> None:
    conftest = suite / "tests" / "conftest.py"
    first = api.migrate(conftest, gain=Mode.MEASURE)
    ran = imports_counted(tmp_path)
    assert ran > 0
    second = api.migrate(conftest, gain=Mode.MEASURE)
    assert imports_counted(tmp_path) == ran, "a cache hit starts no pytest"
    assert second.gain is not None and second.gain.measurement is not None
    assert second.gain.measurement.cached
    assert first.gain is not None and first.gain.measurement is not None
    assert second.gain.measurement.before == first.gain.measurement.before
    # A unit test that requests the services fixture: the safety net loads that layer in the
    # default run, and that is the first blocker.
    (suite / "tests" / "unit" / "test_more.py").write_text(INTEGRATION, encoding="utf-8")
    third = api.migrate(conftest, gain=Mode.MEASURE)
    assert third.gain is not None and third.gain.measurement is not None
    assert not third.gain.measurement.cached, "a changed test file is measured again"
    assert third.gain.measurement.gated_loaded == ("conftest_services.py",)
    assert third.gain.measurement.gated_requests == (("blob", 1),)
    first_blocker = third.gain.blockers[0]
    assert first_blocker.what == "conftest_services.py loaded in the default run"
    assert "blob (1 test)" in first_blocker.why
    assert "pin those fixtures to base or mocks" in first_blocker.remedy


def test_no_measure_estimates_and_names_the_blocker(suite: Path, tmp_path: Path) -> None:
    # A module-level read keeps the import eager in the always-loaded base layer.
    conftest = suite / "tests" / "conftest.py"
    conftest.write_text(
        CONFTEST.replace(
            "@pytest.fixture\ndef number",
            "SIZE = len(heavy_lib.BLOB)\n\n\n@pytest.fixture\ndef number",
        ),
        encoding="utf-8",
    )
    (suite / "tests" / "unit" / "test_unit.py").write_text(
        "def test_number(number):\n    assert number == 1\n", encoding="utf-8"
    )
    outcome = CliRunner().invoke(
        app, ["migrate", str(conftest), "--dry-run", "--no-measure"], catch_exceptions=False
    )
    assert outcome.exit_code == 1, outcome.output
    assert imports_counted(tmp_path) == 1, "only the import-warnings probe: no pytest started"
    lines = outcome.stderr.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("default run:"))
    assert "static estimate: --no-measure" in lines[start]
    assert "after 1: heavy_lib" in lines[start + 1]
    assert lines[start + 2].startswith("what keeps the default run heavy")
    blocker = lines[start + 3]
    assert blocker.startswith("  1. heavy_lib (conftest_base.py:")
    assert "module-level code" in blocker and "->" in blocker


def test_verify_reports_collection_memory(suite: Path) -> None:
    result = api.migrate(suite / "tests" / "conftest.py")
    said: list[str] = []
    verification = verify_migration(result, progress=said.append)
    assert verification.ok
    for check in verification.checks:
        before, after = check.peak_rss_mb
        assert before is not None and after is not None and before > 60 and after > 0
    assert any(
        line.startswith("verify: collection peak RSS (default environment)") for line in said
    )


def snapshot_of(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("source", "errors", "remedy"),
    [
        pytest.param(
            "try:\n    from numpy import pi\nexcept ImportError:\n    pi = 3.14\n"
            "def f():\n    return pi\n",
            {"numpy": ""},
            "import the module there (`import x`)",
            id="from-import",
        ),
        pytest.param(
            "try:\n    import numpy\nexcept ImportError:\n    numpy = None\n"
            "def f():\n    return numpy\n",
            {"numpy": "ImportError: needs libblas"},
            "repair what its import needs",
            id="import-raises",
        ),
        pytest.param(
            "try:\n    import numpy\nexcept Exception:\n    numpy = None\nN = [numpy]\n",
            {"numpy": ""},
            "catch only ImportError there",
            id="broad-handler",
        ),
    ],
)
def test_a_blocker_in_a_try_block_gets_its_own_remedy(
    source: str, errors: dict[str, str], remedy: str
) -> None:
    from codemods.gain.static import explain_blocker
    from codemods.lazy import lazy_decisions
    from codemods.plan.lazy_imports import LazyOptions

    options = LazyOptions(import_errors=errors)
    [decision] = lazy_decisions(source, heavy=["numpy"], available=lambda _: True, options=options)
    assert remedy in explain_blocker(decision, "conftest_base.py")[1]


def test_a_blocker_kept_bound_for_the_tests_gets_cc007s_reason(suite: Path) -> None:
    """A name a test imports from `conftest` must stay bound there, so CC007 keeps its
    `from` import eager; the blocker gives that reason, not "deferrable"."""
    conftest = suite / "tests" / "conftest.py"
    conftest.write_text(
        "import pytest\nfrom heavy_lib import BLOB\n\n\n"
        "@pytest.fixture\ndef number():\n    return len(BLOB[:1])\n",
        encoding="utf-8",
    )
    (suite / "tests" / "unit" / "test_unit.py").write_text(
        "from conftest import BLOB\n\n\ndef test_number(number):\n    assert BLOB and number\n",
        encoding="utf-8",
    )
    outcome = CliRunner().invoke(
        app, ["migrate", str(conftest), "--dry-run", "--no-measure"], catch_exceptions=False
    )
    [blocker] = [line for line in outcome.stderr.splitlines() if line.startswith("  1. ")]
    assert blocker.startswith("  1. heavy_lib.BLOB (conftest_base.py:"), blocker
    assert "other files import `BLOB` from the conftest" in blocker, blocker
