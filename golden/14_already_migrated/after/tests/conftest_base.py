# conftest-codemods: base layer of tests/conftest.py, always loaded.
"""Base fixtures: settings and factories every test may use."""

import pytest


@pytest.fixture
def settings():
    return {"env": "test", "debug": True}


@pytest.fixture
def item_factory(settings):
    def make(name, quantity=1):
        return {"name": name, "quantity": quantity, "env": settings["env"]}

    return make
