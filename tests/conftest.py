"""Shared test configuration: the ``--update-goldens`` switch for the golden-file cases, and
no inherited ``VIRTUAL_ENV`` (the tool would ask that venv's interpreter what is installed)."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite golden/*/after/ from the tool's output (only when behaviour is unchanged).",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(autouse=True)
def _no_active_virtualenv(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests (and goldens, run in-process) see the same installed modules on every machine:
    an activated virtualenv, which ``migrate``, ``lazy`` and ``audit`` would otherwise ask
    instead of this interpreter, is forgotten. Tests that want one set it themselves."""
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)


@pytest.fixture(autouse=True)
def _estimate_the_gain(monkeypatch: pytest.MonkeyPatch) -> None:
    """``migrate`` from the CLI measures the default run's collection before and after (a dozen
    pytest processes); goldens and CLI tests get the static estimate. ``tests/test_gain.py``
    measures."""
    monkeypatch.setenv("CONFTEST_CODEMODS_MEASURE", "0")
