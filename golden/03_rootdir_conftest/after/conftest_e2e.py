# conftest-codemods: e2e layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent  # the project root (also the rootdir)


# End to end --------------------------------------------------------------


@pytest.fixture
@memory_profile("Runs a snippet in a fresh interpreter with the project root as workin...", "HIGH")
def e2e_python():
    """Runs a snippet in a fresh interpreter with the project root as working directory."""

    def run(snippet):
        result = subprocess.run(
            [sys.executable, "-c", snippet],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    return run
