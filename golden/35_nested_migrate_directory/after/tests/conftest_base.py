# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import pytest

REGION = "root"


@pytest.fixture
@memory_profile("settings", "MINIMAL")
def settings():
    return {"region": REGION, "currency": "EUR"}
