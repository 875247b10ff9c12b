"""Generate a realistic monolithic conftest of a given size, for benchmarks and scale tests.

The mix follows what grown conftests look like: a banner docstring, stdlib and third-party
imports, constants and param lists, helper functions, hooks, and fixtures of every layer
(core, mocks, services, end-to-end) that request each other across layers.
"""

from __future__ import annotations

import argparse
from pathlib import Path

HEADER = '''"""Test configuration for the whole suite (grown over the years; split me)."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import urllib.request
from pathlib import Path
from unittest import mock

import pytest

# --- shared data ----------------------------------------------------------------------------
CURRENCIES = ["EUR", "USD", "GBP"]
REGIONS = ["eu", "us"]
SEEN = []


def pytest_addoption(parser):
    parser.addoption("--tenant", default="acme", help="tenant used by the fixtures")


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: slow tests")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "slow" in item.keywords and not config.getoption("--tenant"):
            item.add_marker(pytest.mark.skip(reason="no tenant"))
'''

TEMPLATES = {
    "core": '''

# core fixture {n}
def build_record_{n}(value):
    """Build record {n} the way the application would."""
    record = {{"id": {n}, "value": value, "tags": [f"t{{i}}" for i in range(3)]}}
    return json.loads(json.dumps(record))


@pytest.fixture(params=CURRENCIES)
def record_{n}(request, tmp_path):
    """A record in every currency."""
    data = build_record_{n}(request.param)
    (tmp_path / "record_{n}.json").write_text(json.dumps(data))
    SEEN.append({n})
    return data
''',
    "mocks": '''

@pytest.fixture
def mock_gateway_{n}(record_{base}):
    """A payment gateway that never talks to the network."""
    gateway = mock.MagicMock(name="gateway_{n}")
    gateway.charge.return_value = {{"ok": True, "record": record_{base}["id"]}}
    with mock.patch.dict(os.environ, {{"GATEWAY_{n}": "fake"}}):
        yield gateway
''',
    "services": '''

@pytest.fixture(scope="module")
def db_{n}(tmp_path_factory):
    """A real sqlite database with the schema loaded."""
    path = tmp_path_factory.mktemp("db_{n}") / "app.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("create table items (id integer primary key, name text)")
    yield connection
    connection.close()


@pytest.fixture
def http_client_{n}(db_{n}, mock_gateway_{mock}):
    """An HTTP client against the local service."""
    opener = urllib.request.build_opener()
    opener.addheaders = [("X-Test", "{n}")]
    return opener
''',
    "e2e": '''

@pytest.fixture(scope="session")
def e2e_launcher_{n}(http_client_{services}):
    """Start the application in a subprocess for end-to-end tests."""
    process = subprocess.Popen(["python", "-c", "pass"])
    process.wait()
    yield process
''',
}


def generate(lines: int) -> str:
    """A conftest of at least ``lines`` lines; each fixture requests the latest of a lower layer."""
    parts = [HEADER]
    count = HEADER.count("\n")
    latest: dict[str, int] = {}
    cycle = ("core", "mocks", "services", "core", "e2e")
    n = 0
    while count < lines:
        kind = cycle[n % len(cycle)]
        needs = {"mocks": "core", "services": "mocks", "e2e": "services"}.get(kind)
        if needs is not None and needs not in latest:
            kind = "core"
        block = TEMPLATES[kind].format(
            n=n, base=latest.get("core"), mock=latest.get("mocks"), services=latest.get("services")
        )
        latest[kind] = n
        parts.append(block)
        count += block.count("\n")
        n += 1
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--lines", type=int, default=2000)
    arguments = parser.parse_args()
    arguments.output.write_text(generate(arguments.lines), encoding="utf-8")


if __name__ == "__main__":
    main()
