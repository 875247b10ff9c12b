# conftest-codemods: mocks layer of conftest.py, always loaded.
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

import pytest


@pytest.fixture
@memory_profile("fake backend", "LOW")
def fake_backend(request):
    failing = getattr(request, "param", {}).get("failing", False)
    return {"kind": "fake", "failing": failing}
