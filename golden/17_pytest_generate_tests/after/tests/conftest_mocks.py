# conftest-codemods: mocks layer of conftest.py, always loaded.

import pytest


@pytest.fixture
def fake_backend(request):
    failing = getattr(request, "param", {}).get("failing", False)
    return {"kind": "fake", "failing": failing}
