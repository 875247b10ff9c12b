import pytest

from inventory.clients import make_client

BACKENDS = []


def register(name):
    BACKENDS.append(name)
    return name


_DEFAULT_BACKEND = register("memory")
_CLIENT = make_client()


# conftest: base
@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


# conftest: services
@pytest.fixture
def inventory_client():
    return _CLIENT
