# conftest-codemods: e2e layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import subprocess
import sys

import pytest


# End to end ----------------------------------------------------------------


@pytest.fixture(scope="session")
@memory_profile("e2e runner", "VERY_HIGH")
def e2e_runner():
    def run(code):
        return subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()

    return run
