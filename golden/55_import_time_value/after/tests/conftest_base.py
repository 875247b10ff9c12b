# conftest-codemods: base layer of conftest.py, always loaded.
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

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
