# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import pytest


@pytest.fixture
@memory_profile("fake backend", "LOW")
def fake_backend(request):
    failing = getattr(request, "param", {}).get("failing", False)
    return {"kind": "fake", "failing": failing}
