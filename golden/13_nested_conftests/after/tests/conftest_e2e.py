# conftest-codemods: e2e layer of conftest.py, loaded when asked (see conftest.py).
import subprocess
import sys

import pytest


# End to end ----------------------------------------------------------------


@pytest.fixture(scope="session")
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
