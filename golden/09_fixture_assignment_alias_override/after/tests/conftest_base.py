# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Fixtures in every spelling pytest accepts, plus overrides of builtin fixtures."""

from conftest_codemods_runtime import memory_profile

import sqlite3

import pytest

# ---- fixtures created by assignment ----------------------------------------


def _make_x():
    """Built without a decorator: the fixture is the assignment below."""
    return "x-value"


x = pytest.fixture(
    memory_profile(
        "Built without a decorator: the fixture is the assignment below.", "MINIMAL"
    )(_make_x)
)  # the fixture is named "x": the attribute name wins


def make_fixture(value):
    """Fixture factory: a fixture that provides ``value``."""
    return pytest.fixture(lambda: value)


answer = make_fixture(42)
greeting = make_fixture("hello")  # same factory, second fixture


# ---- fixtures renamed with name= --------------------------------------------


@pytest.fixture(name="client")
@memory_profile("client", "MINIMAL")
def _client_fixture(answer, greeting):
    return {"answer": answer, "greeting": greeting, "kind": "client"}


@pytest.fixture(name="db")
@memory_profile("db", "MINIMAL")
def _db_connection():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE notes (body TEXT)")
    yield conn
    conn.close()


# ---- overrides of builtin fixtures ---------------------------------------------


@pytest.fixture
@memory_profile(
    "Every test gets a ready-made sandbox directory inside the builtin tmp...",
    "MINIMAL",
)
def tmp_path(tmp_path):
    """Every test gets a ready-made sandbox directory inside the builtin tmp_path."""
    sandbox = tmp_path / "sandbox"
    sandbox.mkdir()
    return sandbox


@pytest.fixture
@memory_profile("monkeypatch", "MINIMAL")
def monkeypatch(monkeypatch):
    # every test that asks for monkeypatch runs with APP_ENV=test
    monkeypatch.setenv("APP_ENV", "test")
    return monkeypatch
