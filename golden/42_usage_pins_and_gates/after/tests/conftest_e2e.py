# conftest-codemods: e2e layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import pytest


@pytest.fixture
@memory_profile("report dir", "HIGH")
def report_dir(tmp_path):
    path = tmp_path / "reports"
    path.mkdir()
    return path
