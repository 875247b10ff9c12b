# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import pytest

BACKENDS = []


def register(name):
    BACKENDS.append(name)
    return name


_DEFAULT_BACKEND = register("memory")


# conftest: base
@pytest.fixture(params=BACKENDS)
@memory_profile("backend", "MINIMAL")
def backend(request):
    return request.param
