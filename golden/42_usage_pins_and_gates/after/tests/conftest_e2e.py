# conftest-codemods: e2e layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

import pytest


@pytest.fixture
@memory_profile("report dir", "HIGH")
def report_dir(tmp_path):
    path = tmp_path / "reports"
    path.mkdir()
    return path
