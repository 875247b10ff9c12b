# conftest-codemods: e2e layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import json
import os
import subprocess
import sys

import pytest


# End to end ---------------------------------------------------------------


@pytest.fixture(scope="session")
@memory_profile("Validates the environment for the end-to-end suite.", "VERY_HIGH")
def e2e_env():
    """Validates the environment for the end-to-end suite."""
    if os.environ.get("RUN_E2E_TESTS") != "1":
        pytest.skip("set RUN_E2E_TESTS=1 to run the end-to-end suite")
    return {"python": sys.executable}


@pytest.fixture
@memory_profile(
    "Runs the report worker as a separate process and returns its JSON out...", "HIGH"
)
def e2e_worker():
    """Runs the report worker as a separate process and returns its JSON output."""
    script = "import json, sys; print(json.dumps({'city': sys.argv[1], 'ok': True}))"

    def run(city):
        out = subprocess.check_output(
            [sys.executable, "-c", script, city], text=True, timeout=30
        )
        return json.loads(out)

    return run
