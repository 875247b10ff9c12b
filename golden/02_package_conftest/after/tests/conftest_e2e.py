# conftest-codemods: e2e layer of conftest.py (version 0.1.0), loaded when asked.

from __future__ import annotations

from conftest_codemods_runtime import memory_profile

import json
import subprocess
import sys

import pytest


# --- end to end: the command-line tool, run as a real process ---------------


@pytest.fixture
@memory_profile("staging cli", "HIGH")
def staging_cli():
    def run(*args):
        code = "import json, sys; print(json.dumps({'argv': sys.argv[1:]}))"
        completed = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        return json.loads(completed.stdout)

    return run
