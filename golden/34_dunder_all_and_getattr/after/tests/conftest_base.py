# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import pytest

__all__ = ["make_item", "PUBLIC_LIMIT"]

PUBLIC_LIMIT = 10
NOT_EXPORTED = "hidden from import *"


def make_item(name):
    return {"name": name}


def __getattr__(name):
    if name == "COMPUTED_LIMIT":
        return PUBLIC_LIMIT * 2
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@pytest.fixture
@memory_profile("item", "MINIMAL")
def item():
    return make_item("pen")
