"""Generate an application-style test suite whose monolithic conftest imports real heavy libraries.

The shape is the one the split exists for (issue 13), not a library's suite:

- an application package ``app/``: plain models (``models.py``) and model factories
  (``factories.py``) that unit tests use, a database module on SQLAlchemy (``db.py``), a
  service module on redis and boto3 (``services.py``, whose ``make_client()`` the conftest calls
  at import time), pydantic schemas (``schemas.py``) and a FastAPI app (``api.py``);
- one ``tests/conftest.py`` that grew over the years: environment set-up
  (``os.environ.setdefault``), heavy imports at module level with an ``if sys.platform ==
  "win32":`` block and a ``try: ... except ImportError:`` block among them, an import-time client
  ``_CLIENT = make_client()`` read only by service fixtures, fixtures whose return annotations
  name numpy, pandas and SQLAlchemy types (``-> np.ndarray``, ``-> pd.DataFrame``,
  ``-> Session``), factories and data fixtures for unit tests, mocks, services and e2e fixtures;
- N test files: 80 % unit tests under ``tests/unit`` (parameters, ``usefixtures``, a literal
  ``getfixturevalue``, test classes), 15 % service tests under ``tests/integration`` and 5 %
  e2e tests under ``tests/e2e`` (both gated paths; their fixtures skip unless
  ``USE_REAL_SERVICES=1`` / ``RUN_E2E_TESTS=1``, and work offline when asked).

The seed picks names, counts and which fixtures each test uses, so a second seed is a
different suite. Test modules import nothing from the application: what a unit collection
costs beyond the floor (the same tests, an empty conftest) is the conftest's doing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

LIBRARIES = ("numpy", "pandas", "sqlalchemy", "pydantic", "redis", "boto3", "fastapi", "fakeredis")
"""The real libraries the suite imports (``benchmarks/requirements.txt`` pins them)."""


@dataclass(frozen=True)
class SuiteShape:
    files: int = 300
    seed: int = 1
    tests_per_file: int = 5


@dataclass(frozen=True)
class _Fixture:
    name: str
    layer: str
    """Which tests use it: unit, integration or e2e."""
    code: str


def generate_suite(root: Path, shape: SuiteShape) -> None:
    """Write ``pyproject.toml``, the application ``app/`` and ``tests/`` under ``root``."""
    rng = random.Random(shape.seed)
    (root / "app").mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(_PYPROJECT, encoding="utf-8")
    for name, text in _APP.items():
        (root / "app" / name).write_text(text, encoding="utf-8")
    tests = root / "tests"
    for layer in ("unit", "integration", "e2e"):
        (tests / layer).mkdir(parents=True, exist_ok=True)
    fixtures = _fixtures(rng)
    body = "\n\n".join(fixture.code.strip() + "\n" for fixture in fixtures)
    (tests / "conftest.py").write_text(_CONFTEST_HEAD + "\n\n" + body, encoding="utf-8")
    unit = round(shape.files * 0.80)
    integration = round(shape.files * 0.15)
    for index in range(shape.files):
        layer = "unit" if index < unit else "integration" if index < unit + integration else "e2e"
        names = [fixture.name for fixture in fixtures if fixture.layer == layer]
        body = _test_file(rng, layer, names, shape.tests_per_file, index)
        (tests / layer / f"test_{layer}_{index:04d}.py").write_text(body, encoding="utf-8")


def conftest_lines(root: Path) -> int:
    return len((root / "tests" / "conftest.py").read_text(encoding="utf-8").splitlines())


def _fixtures(rng: random.Random) -> list[_Fixture]:
    out = [
        _Fixture("product_factory", "unit", _FACTORY.format(model="product")),
        _Fixture("customer_factory", "unit", _FACTORY.format(model="customer")),
        _Fixture("order_factory", "unit", _ORDER_FACTORY),
        _Fixture("settings", "unit", _SETTINGS),
    ]
    nouns = ["basket", "invoice", "refund", "coupon", "ledger", "shipment", "voucher", "report"]
    rng.shuffle(nouns)
    for index in range(40):
        noun = f"{nouns[index % len(nouns)]}_{index}"
        out.append(_Fixture(noun, "unit", _DATA.format(name=noun, value=index)))
    for index in range(12):
        out.append(_Fixture(f"product_{index}", "unit", _PRODUCT.format(index=index)))
        out.append(_Fixture(f"order_{index}", "unit", _ORDER.format(index=index)))
    for index in range(10):
        out.append(_Fixture(f"vector_{index}", "unit", _NUMPY.format(index=index)))
        out.append(_Fixture(f"frame_{index}", "unit", _PANDAS.format(index=index)))
    for index in range(6):
        out.append(_Fixture(f"mock_mailer_{index}", "unit", _MOCK.format(index=index)))
        out.append(_Fixture(f"fake_cache_{index}", "unit", _FAKE_CACHE.format(index=index)))
    for index in range(6):
        for template in _SERVICES:
            fixture = template.format(index=index)
            name = fixture.split("def ", 1)[1].split("(", 1)[0]
            out.append(_Fixture(name, "integration", fixture))
    for index in range(4):
        out.append(_Fixture(f"api_client_{index}", "e2e", _E2E.format(index=index)))
    return out


def _test_file(rng: random.Random, layer: str, names: list[str], count: int, index: int) -> str:
    """Tests of one file, each using 1-3 fixtures, spelled the ways real suites spell it."""
    lines = [f'"""Generated {layer} tests, file {index}."""', "", "import pytest", ""]
    if layer != "unit":
        lines += [f"pytestmark = pytest.mark.{layer}", ""]
    for number in range(count):
        used = rng.sample(names, k=min(len(names), rng.randint(1, 3)))
        test = f"test_{layer}_{index}_{number}"
        checks = [f"    assert {name} is not None" for name in used]
        style = rng.random() if layer == "unit" else 1.0
        if style < 0.10:  # a fixture needed for its effect only
            lines += ["", f'@pytest.mark.usefixtures("{used[0]}")']
            used, checks = used[1:], checks[1:] or ["    assert True"]
            lines += [f"def {test}({', '.join(used)}):", *checks, ""]
        elif style < 0.15:  # asked for by name, at run time
            lines += ["", f"def {test}(request):"]
            lines += [f'    assert request.getfixturevalue("{name}") is not None' for name in used]
            lines.append("")
        elif style < 0.25:  # a method of a test class
            lines += ["", f"class Test{index}x{number}:"]
            lines.append(f"    def test_it(self, {', '.join(used)}):")
            lines += [f"    {check}" for check in checks]
            lines.append("")
        else:
            lines += ["", f"def {test}({', '.join(used)}):", *checks, ""]
    return "\n".join(lines)


_PYPROJECT = """[project]
name = "collection-benchmark-app"
version = "0.1.0"

[tool.pytest.ini_options]
testpaths = ["tests"]
pythonpath = ["."]
markers = ["integration: needs services", "e2e: end to end"]
"""

_APP = {
    "__init__.py": '"""The application under test."""\n',
    "models.py": '''"""Domain models: plain dataclasses, as light as the standard library."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Product:
    sku: str
    price: Decimal


@dataclass
class Customer:
    email: str
    vip: bool = False


@dataclass
class Order:
    customer: Customer
    lines: list[tuple[Product, int]] = field(default_factory=list)

    def total(self) -> Decimal:
        return sum((product.price * count for product, count in self.lines), Decimal(0))
''',
    "factories.py": '''"""Model factories: valid models from few arguments."""

from __future__ import annotations

import itertools
from decimal import Decimal

from app.models import Customer, Order, Product

_numbers = itertools.count(1)


def make_product(**overrides):
    number = next(_numbers)
    values = {"sku": f"SKU-{number:05d}", "price": Decimal(number) / 4}
    return Product(**{**values, **overrides})


def make_customer(**overrides):
    values = {"email": f"customer{next(_numbers)}@example.com"}
    return Customer(**{**values, **overrides})


def make_order(customer=None, products=()):
    return Order(customer or make_customer(), [(product, 1) for product in products])
''',
    "db.py": '''"""The database layer (SQLAlchemy)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class ProductRow(Base):
    __tablename__ = "products"
    sku: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    price: Mapped[float]


def connect(url="sqlite://"):
    engine = sa.create_engine(url)
    Base.metadata.create_all(engine)
    return Session(engine)
''',
    "services.py": '''"""Clients of the infrastructure the application talks to (redis, S3)."""

from __future__ import annotations

import os

import boto3
import redis


def make_client():
    """A redis client; it connects on first use, not here."""
    return redis.Redis(host=os.environ.get("REDIS_HOST", "127.0.0.1"), port=6379)


def make_storage():
    return boto3.session.Session(region_name=os.environ.get("AWS_REGION", "eu-west-1"))
''',
    "schemas.py": '''"""API schemas (pydantic)."""

from __future__ import annotations

from pydantic import BaseModel


class ProductOut(BaseModel):
    sku: str
    price: float
''',
    "api.py": '''"""The HTTP API (FastAPI)."""

from __future__ import annotations

from fastapi import FastAPI

from app.schemas import ProductOut


def create_app():
    api = FastAPI()

    @api.get("/products/{sku}")
    def product(sku: str) -> ProductOut:
        return ProductOut(sku=sku, price=1.0)

    return api
''',
}

_CONFTEST_HEAD = '''"""Fixtures for the whole suite: grown over the years, imports everything."""

import os
import sys
from decimal import Decimal
from unittest import mock

os.environ.setdefault("APP_ENV", "test")

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.orm import Session

if sys.platform == "win32":
    import asyncio

    asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())

try:
    import fakeredis
except ImportError:  # an optional dependency: the fake-cache fixtures skip without it
    fakeredis = None

from app import factories
from app.api import create_app
from app.db import connect
from app.models import Customer, Order, Product
from app.services import make_client, make_storage

_CLIENT = make_client()
REAL_SERVICES = os.environ.get("USE_REAL_SERVICES") == "1"
E2E = os.environ.get("RUN_E2E_TESTS") == "1"
'''

_FACTORY = """
@pytest.fixture
def {model}_factory():
    return factories.make_{model}
"""

_ORDER_FACTORY = """
@pytest.fixture
def order_factory(customer_factory):
    def make(*products: Product) -> Order:
        return factories.make_order(customer_factory(), products)

    return make
"""

_SETTINGS = """
@pytest.fixture
def settings():
    return {"env": os.environ["APP_ENV"], "currency": "EUR"}
"""

_DATA = """
@pytest.fixture
def {name}():
    return {{"id": {value}, "total": Decimal({value}) * 3, "currency": "EUR"}}
"""

_PRODUCT = """
@pytest.fixture
def product_{index}(product_factory) -> Product:
    return product_factory(price=Decimal({index}))
"""

_ORDER = """
@pytest.fixture
def order_{index}(order_factory, product_{index}) -> Order:
    return order_factory(product_{index})
"""

_NUMPY = """
@pytest.fixture
def vector_{index}() -> np.ndarray:
    return np.arange({index} + 3, dtype=float)
"""

_PANDAS = """
@pytest.fixture
def frame_{index}() -> pd.DataFrame:
    return pd.DataFrame({{"a": [1, 2, {index}], "b": ["x", "y", "z"]}})
"""

_MOCK = """
@pytest.fixture
def mock_mailer_{index}():
    return mock.MagicMock(name="mailer_{index}")
"""

_FAKE_CACHE = """
@pytest.fixture
def fake_cache_{index}():
    if fakeredis is None:
        pytest.skip("fakeredis is not installed")
    return fakeredis.FakeStrictRedis()
"""

_SERVICES = (
    """
@pytest.fixture
def db_session_{index}() -> Session:
    if not REAL_SERVICES:
        pytest.skip("set USE_REAL_SERVICES=1")
    session = connect()
    session.execute(sa.text("select 1"))
    yield session
    session.close()
""",
    """
@pytest.fixture
def redis_client_{index}():
    if not REAL_SERVICES:
        pytest.skip("set USE_REAL_SERVICES=1")
    return _CLIENT
""",
    """
@pytest.fixture
def storage_{index}():
    if not REAL_SERVICES:
        pytest.skip("set USE_REAL_SERVICES=1")
    return make_storage()
""",
    """
@pytest.fixture
def report_frame_{index}(db_session_{index}) -> pd.DataFrame:
    return pd.DataFrame({{"sku": ["A", "B"], "price": [1.5, {index}]}})
""",
    """
@pytest.fixture
def account_{index}():
    if not REAL_SERVICES:
        pytest.skip("set USE_REAL_SERVICES=1")

    class Account(BaseModel):
        id: int = {index}

    return Account()
""",
)

_E2E = """
@pytest.fixture
def api_client_{index}():
    if not E2E:
        pytest.skip("set RUN_E2E_TESTS=1")
    from fastapi.testclient import TestClient

    with TestClient(create_app()) as client:
        yield client
"""
