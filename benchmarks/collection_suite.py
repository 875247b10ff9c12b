"""Generate a realistic monolithic test suite whose conftest imports real heavy libraries.

Shape (issue 4): N test files, about 80 % unit, 15 % integration and 5 % e2e, and a single
conftest with 100+ fixtures that imports numpy, pandas, SQLAlchemy, pydantic, requests, httpx,
aiohttp, redis, fakeredis and boto3 at module level, the way grown conftests do. Unit tests use
plain data and numpy/pandas-backed fixtures, integration tests SQLAlchemy/redis/HTTP clients
(gated behind ``USE_REAL_SERVICES`` in the suite itself), e2e tests a subprocess. The seed picks
names, counts and which fixtures each test uses, so a second seed is a different suite.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

HEAVY_IMPORTS = {
    "numpy": "import numpy as np",
    "pandas": "import pandas as pd",
    "sqlalchemy": "import sqlalchemy as sa",
    "sqlalchemy.orm": "from sqlalchemy.orm import Session",
    "pydantic": "from pydantic import BaseModel",
    "requests": "import requests",
    "httpx": "import httpx",
    "aiohttp": "import aiohttp",
    "redis": "import redis",
    "fakeredis": "import fakeredis",
    "boto3": "import boto3",
}
"""Module -> the import line the conftest uses (each is 100 ms+ of import time)."""


@dataclass(frozen=True)
class SuiteShape:
    files: int = 1000
    seed: int = 1
    tests_per_file: int = 5
    libraries: tuple[str, ...] = tuple(HEAVY_IMPORTS)


def generate_suite(root: Path, shape: SuiteShape) -> None:
    """Write ``pyproject.toml`` and ``tests/`` of the monolithic suite under ``root``."""
    rng = random.Random(shape.seed)
    tests = root / "tests"
    for layer in ("unit", "integration", "e2e"):
        (tests / layer).mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(_PYPROJECT, encoding="utf-8")
    fixtures = _fixtures(rng, shape)
    (tests / "conftest.py").write_text(_conftest(shape, fixtures), encoding="utf-8")
    unit = round(shape.files * 0.80)
    integration = round(shape.files * 0.15)
    for index in range(shape.files):
        layer = "unit" if index < unit else "integration" if index < unit + integration else "e2e"
        names = [f.name for f in fixtures if f.layer == layer] or ["numbers"]
        body = _test_file(rng, layer, names, shape.tests_per_file, index)
        (tests / layer / f"test_{layer}_{index:04d}.py").write_text(body, encoding="utf-8")


@dataclass(frozen=True)
class _Fixture:
    name: str
    layer: str
    code: str


def _fixtures(rng: random.Random, shape: SuiteShape) -> list[_Fixture]:
    libs = set(shape.libraries)
    out: list[_Fixture] = []
    nouns = ["order", "invoice", "user", "cart", "item", "price", "report", "ledger", "batch"]
    rng.shuffle(nouns)
    for index in range(60):
        noun = f"{nouns[index % len(nouns)]}_{index}"
        out.append(_Fixture(noun, "unit", _UNIT_DATA.format(name=noun, value=index)))
    for index in range(12):
        if "numpy" in libs:
            out.append(_Fixture(f"vector_{index}", "unit", _NUMPY.format(index=index)))
        if "pandas" in libs:
            out.append(_Fixture(f"frame_{index}", "unit", _PANDAS.format(index=index)))
    for index in range(8):
        if "fakeredis" in libs:
            out.append(_Fixture(f"mock_cache_{index}", "unit", _FAKEREDIS.format(index=index)))
        out.append(_Fixture(f"mock_mailer_{index}", "unit", _MOCK.format(index=index)))
    for index in range(6):
        for lib, template in _SERVICE_TEMPLATES.items():
            if lib in libs:
                name = f"{lib.replace('.', '_')}_service_{index}"
                out.append(_Fixture(name, "integration", template.format(name=name, index=index)))
    for index in range(4):
        out.append(_Fixture(f"e2e_app_{index}", "e2e", _E2E.format(index=index)))
    return out


def _conftest(shape: SuiteShape, fixtures: list[_Fixture]) -> str:
    imports = "\n".join(HEAVY_IMPORTS[lib] for lib in shape.libraries)
    body = "\n\n".join(fixture.code.strip() + "\n" for fixture in fixtures)
    return _CONFTEST_HEAD.format(imports=imports) + "\n\n" + body


def _test_file(rng: random.Random, layer: str, names: list[str], count: int, index: int) -> str:
    lines = [f'"""Generated {layer} tests, file {index}."""', "", "import pytest", ""]
    if layer != "unit":
        lines.insert(3, f"pytestmark = pytest.mark.{layer}")
    for number in range(count):
        used = rng.sample(names, k=min(len(names), rng.randint(1, 3)))
        args = ", ".join(used)
        checks = "\n".join(f"    assert {name} is not None" for name in used)
        lines += ["", f"def test_{layer}_{index}_{number}({args}):", checks, ""]
    return "\n".join(lines)


_PYPROJECT = """[project]
name = "collection-benchmark-suite"
version = "0.1.0"

[tool.pytest.ini_options]
testpaths = ["tests"]
markers = ["integration: needs services", "e2e: end to end"]
asyncio_default_fixture_loop_scope = "function"
"""

_CONFTEST_HEAD = '''"""Fixtures for the whole suite: grown over the years, imports everything."""

import os
import subprocess
import sys
from unittest import mock

import pytest
{imports}

REAL_SERVICES = os.environ.get("USE_REAL_SERVICES") == "1"


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: slow tests")
'''

_UNIT_DATA = """
@pytest.fixture
def {name}():
    return {{"id": {value}, "total": {value} * 3, "currency": "EUR"}}
"""

_NUMPY = """
@pytest.fixture
def vector_{index}():
    return np.arange({index} + 3, dtype=float)
"""

_PANDAS = """
@pytest.fixture
def frame_{index}():
    return pd.DataFrame({{"a": [1, 2, {index}], "b": ["x", "y", "z"]}})
"""

_FAKEREDIS = """
@pytest.fixture
def mock_cache_{index}():
    return fakeredis.FakeStrictRedis()
"""

_MOCK = """
@pytest.fixture
def mock_mailer_{index}():
    return mock.MagicMock(name="mailer_{index}")
"""

_SERVICE_TEMPLATES = {
    "sqlalchemy": """
@pytest.fixture
def {name}():
    if not REAL_SERVICES:
        pytest.skip("set USE_REAL_SERVICES=1")
    engine = sa.create_engine("sqlite://")
    with Session(engine) as session:
        yield session
""",
    "redis": """
@pytest.fixture
def {name}():
    if not REAL_SERVICES:
        pytest.skip("set USE_REAL_SERVICES=1")
    return redis.Redis(host="127.0.0.1", port=6379)
""",
    "requests": """
@pytest.fixture
def {name}():
    if not REAL_SERVICES:
        pytest.skip("set USE_REAL_SERVICES=1")
    return requests.Session()
""",
    "httpx": """
@pytest.fixture
def {name}():
    if not REAL_SERVICES:
        pytest.skip("set USE_REAL_SERVICES=1")
    return httpx.Client(base_url="http://127.0.0.1:8000")
""",
    "aiohttp": """
@pytest.fixture
def {name}():
    if not REAL_SERVICES:
        pytest.skip("set USE_REAL_SERVICES=1")
    return aiohttp.ClientTimeout(total={index} + 1)
""",
    "boto3": """
@pytest.fixture
def {name}():
    if not REAL_SERVICES:
        pytest.skip("set USE_REAL_SERVICES=1")
    return boto3.session.Session(region_name="eu-west-1")
""",
    "pydantic": """
@pytest.fixture
def {name}():
    if not REAL_SERVICES:
        pytest.skip("set USE_REAL_SERVICES=1")

    class Account(BaseModel):
        id: int = {index}

    return Account()
""",
}

_E2E = """
@pytest.fixture
def e2e_app_{index}():
    if os.environ.get("RUN_E2E_TESTS") != "1":
        pytest.skip("set RUN_E2E_TESTS=1")
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    yield process
    process.kill()
"""
