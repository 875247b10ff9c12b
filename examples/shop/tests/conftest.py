"""Shared fixtures for the whole shop test suite.

This file started as a handful of model factories and grew with the project. It now serves
three kinds of tests:

* ``tests/unit``: pure logic, with mocks and fakes for everything that talks to the outside;
* ``tests/integration``: a real SQLite database file, the cache client and the HTTP API served
  from a thread in this process;
* ``tests/e2e``: the ``python -m shop`` command line in a subprocess, driven by a tiny browser.

Sections, in order: options and hooks, constants, helpers, core fixtures, mocks and fakes,
real services, end to end. Keep new fixtures in the matching section.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock
from unittest.mock import AsyncMock, MagicMock, patch

import pytest
import pytest_asyncio

import shop
from shop import notifications
from shop.cart import COUPONS, Cart
from shop.catalog import Catalog
from shop.config import Settings
from shop.models import Address, Customer, LineItem, Money, Order, OrderStatus, Product
from shop.payments import GatewayUnavailable, PaymentDeclined, PaymentProcessor
from shop.storage import CacheClient, HttpClient, SqliteRepository
from shop.web import make_server

# =============================================================================
# Constants and parameter lists
# =============================================================================

SHOP_ROOT = Path(__file__).resolve().parent.parent  # examples/shop: holds the `shop` package
TESTS_DIR = Path(__file__).resolve().parent

CURRENCIES = ["EUR", "USD", "GBP"]
CURRENCY_IDS = [currency.lower() for currency in CURRENCIES]

# (rate, id) pairs: no tax, the reduced rate and the standard rate.
TAX_RATES = [Decimal("0"), Decimal("0.07"), Decimal("0.19")]
TAX_RATE_IDS = ["untaxed", "reduced", "standard"]

# The coupons every cart test runs against; keep in sync with shop.cart.COUPONS.
COUPON_CODES = sorted(COUPONS)

DEFAULT_TIMEOUT = float(os.environ.get("SHOP_TEST_TIMEOUT", "5"))
E2E_STARTUP_TIMEOUT = 10.0
if sys.platform == "win32":  # process start-up is a lot slower there
    E2E_STARTUP_TIMEOUT = 30.0

# The catalog every layer of the suite starts from.
_PRODUCT_FIELDS = ("sku", "name", "price_cents", "category", "stock")
_PRODUCT_ROWS = [
    ("BK-001", "Pytest Patterns", 3200, "books", 12),
    ("BK-002", "Fixtures in Depth", 2800, "books", 0),
    ("MG-001", "Green Bar Mug", 1250, "mugs", 40),
    ("MG-002", "Red Bar Mug", 1250, "mugs", 3),
    ("ST-001", "Sticker Pack", 300, "stickers", 500),
    ("TS-001", "Conftest T-Shirt", 2200, "apparel", 7),
]
SAMPLE_PRODUCTS: list[dict[str, Any]] = [
    dict(zip(_PRODUCT_FIELDS, row, strict=True)) for row in _PRODUCT_ROWS
]

# Repositories that are still open. session_repository adds to it and removes on teardown;
# pytest_sessionfinish closes whatever is left (a crashed fixture must not leak a file handle).
_OPEN_REPOSITORIES: list[SqliteRepository] = []

_SKU_NUMBERS = itertools.count(1)  # make_product() hands out SKU-0001, SKU-0002, ...
_ORDER_NUMBERS = itertools.count(1000)


# =============================================================================
# Command-line options and hooks
# =============================================================================


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("shop", "shop test suite")
    group.addoption(
        "--skip-slow",
        action="store_true",
        default=False,
        help="skip tests marked slow (the e2e command-line tests, mostly)",
    )
    group.addoption(
        "--e2e-timeout",
        type=float,
        default=E2E_STARTUP_TIMEOUT,
        help="seconds to wait for the launched shop to come up",
    )


def pytest_configure(config: pytest.Config) -> None:
    # Registered here rather than in pyproject.toml, next to the code that applies them.
    config.addinivalue_line("markers", "unit: fast tests without I/O (added by path)")
    config.addinivalue_line("markers", "integration: needs the SQLite database, cache or HTTP API")
    config.addinivalue_line("markers", "e2e: drives the launched shop process end to end")
    config.addinivalue_line("markers", "slow: takes more than a second; skipped by --skip-slow")


def pytest_report_header(config: pytest.Config) -> str:
    return f"shop {shop.__version__}, sqlite {sqlite3.sqlite_version}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip_slow = pytest.mark.skip(reason="slow test skipped by --skip-slow")
    for item in items:
        # A test's directory decides its kind: tests/unit/... is marked unit, and so on.
        try:
            kind = item.path.relative_to(TESTS_DIR).parts[0]
        except ValueError:
            kind = ""
        if kind in ("unit", "integration", "e2e"):
            item.add_marker(getattr(pytest.mark, kind))
        if config.getoption("--skip-slow") and "slow" in item.keywords:
            item.add_marker(skip_slow)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    while _OPEN_REPOSITORIES:
        _OPEN_REPOSITORIES.pop().close()


# =============================================================================
# Helpers (some tests import these: `from conftest import make_product`)
# =============================================================================


def make_product(
    sku: str | None = None,
    name: str = "Widget",
    price_cents: int = 1000,
    currency: str = "EUR",
    category: str = "misc",
    stock: int = 10,
) -> Product:
    """A product with sensible defaults and a fresh SKU unless one is given."""
    if sku is None:
        sku = f"SKU-{next(_SKU_NUMBERS):04d}"
    return Product(sku, name, Money(price_cents, currency), category, stock)


def make_customer(
    id: int = 1,
    email: str = "ada@example.com",
    name: str = "Ada Lovelace",
    vip: bool = False,
    address: Address | None = None,
) -> Customer:
    return Customer(id=id, email=email, name=name, address=address, vip=vip)


def product_from_record(record: dict[str, Any], currency: str = "EUR") -> Product:
    return make_product(
        sku=record["sku"],
        name=record["name"],
        price_cents=record["price_cents"],
        currency=record.get("currency", currency),
        category=record["category"],
        stock=record["stock"],
    )


def write_products_file(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    return path


def assert_money(actual: Money, cents: int, currency: str = "EUR") -> None:
    """Compare an amount with the cents and currency a test expects, with a readable message."""
    assert (actual.cents, actual.currency) == (cents, currency), f"{actual} != {cents} {currency}"


def shop_env(**extra: str) -> dict[str, str]:
    """Environment for a `python -m shop` subprocess: importable package, no stray SHOP_ vars."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("SHOP_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SHOP_ROOT), env.get("PYTHONPATH")]))
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def make_fixture(value: Any) -> Any:
    """Fixture factory: a function-scoped fixture that provides ``value``."""
    return pytest.fixture(lambda: value)


class OrderBuilder:
    """Fluent builder for orders: ``OrderBuilder().for_customer(c).with_item(p, 2).build()``."""

    def __init__(self, order_id: int | None = None, created_at: datetime | None = None) -> None:
        self._order_id = next(_ORDER_NUMBERS) if order_id is None else order_id
        self._created_at = created_at or datetime.now(timezone.utc)
        self._customer = make_customer()
        self._items: list[LineItem] = []
        self._discount: Money | None = None
        self._status = OrderStatus.PENDING

    def for_customer(self, customer: Customer) -> OrderBuilder:
        self._customer = customer
        return self

    def with_item(self, product: Product, quantity: int = 1) -> OrderBuilder:
        self._items.append(LineItem(product, quantity))
        return self

    def with_discount(self, cents: int) -> OrderBuilder:
        currency = self._items[0].product.price.currency if self._items else "EUR"
        self._discount = Money(cents, currency)
        return self

    def with_status(self, status: OrderStatus) -> OrderBuilder:
        self._status = status
        return self

    def build(self) -> Order:
        return Order(
            id=self._order_id,
            customer=self._customer,
            items=list(self._items),
            status=self._status,
            discount=self._discount,
            created_at=self._created_at,
        )


class InMemoryRepository:
    """Same interface as shop.storage.SqliteRepository, backed by dicts."""

    def __init__(self) -> None:
        self.products: dict[str, Product] = {}
        self.orders: dict[int, tuple[Order, str]] = {}

    def save_product(self, product: Product) -> None:
        self.products[product.sku] = product

    def get_product(self, sku: str) -> Product | None:
        return self.products.get(sku)

    def list_products(self) -> list[Product]:
        return [self.products[sku] for sku in sorted(self.products)]

    def save_order(self, order: Order) -> None:
        self.orders[order.id] = (order, order.status.value)

    def order_status(self, order_id: int) -> str | None:
        entry = self.orders.get(order_id)
        return None if entry is None else entry[1]

    def count_orders(self) -> int:
        return len(self.orders)

    def clear(self) -> None:
        self.products.clear()
        self.orders.clear()

    def close(self) -> None:
        pass


class FakeClock:
    """A monotonic clock that only moves when a test says so."""

    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeAsyncGateway:
    """An async payment gateway that records charges and yields to the loop on each call."""

    def __init__(self) -> None:
        self.charges: list[tuple[int, str, str]] = []

    async def charge(self, amount_cents: int, currency: str, reference: str) -> str:
        await asyncio.sleep(0)
        self.charges.append((amount_cents, currency, reference))
        return f"async-txn-{len(self.charges):03d}"


@dataclass
class Page:
    status: int
    text: str

    def skus(self) -> list[str]:
        return re.findall(r"data-sku='([^']+)'", self.text)


class TinyBrowser:
    """Just enough of a browser for the storefront: GET pages, POST the order form as JSON."""

    def __init__(self, base_url: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.history: list[str] = []

    def open(self, path: str = "/") -> Page:
        self.history.append(path)
        with urllib.request.urlopen(self.base_url + path, timeout=self.timeout) as response:
            return Page(response.status, response.read().decode("utf-8"))

    def submit_order(self, sku: str, quantity: int, email: str) -> dict[str, Any]:
        body = json.dumps({"sku": sku, "quantity": quantity, "email": email}).encode("utf-8")
        request = urllib.request.Request(
            self.base_url + "/api/orders",
            data=body,
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return json.loads(response.read().decode("utf-8"))


@dataclass
class LaunchedShop:
    url: str
    process: subprocess.Popen[str]
    database: Path


# =============================================================================
# Core fixtures: settings, models, carts and orders
# =============================================================================

default_currency = make_fixture("EUR")
default_tax_rate = make_fixture(Decimal("0.19"))


@pytest.fixture(scope="session")
def shop_root() -> Path:
    return SHOP_ROOT


@pytest.fixture(scope="session")
def settings() -> Settings:
    """The settings every test starts from (never the developer's own SHOP_* variables)."""
    return Settings(
        environment="test",
        currency="EUR",
        tax_rate="0.19",
        database_path=":memory:",
        cache_ttl_seconds=60,
        api_base_url="http://127.0.0.1:8000",
        mail_sender="orders@shop.test",
    )


@pytest.fixture
def tmp_path(tmp_path: Path) -> Path:
    """The builtin tmp_path, with the data/ and logs/ folders the application expects."""
    (tmp_path / "data").mkdir()
    (tmp_path / "logs").mkdir()
    return tmp_path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def settings_file(tmp_path: Path, settings: Settings) -> Path:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(settings.to_dict()), encoding="utf-8")
    return path


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Remove every SHOP_* variable so load_settings() sees only what the test sets."""
    for key in list(os.environ):
        if key.startswith("SHOP_"):
            monkeypatch.delenv(key)
    return monkeypatch


@pytest.fixture(params=CURRENCIES, ids=CURRENCY_IDS)
def currency(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(params=TAX_RATES, ids=TAX_RATE_IDS)
def tax_rate(request: pytest.FixtureRequest) -> Decimal:
    return request.param


@pytest.fixture(params=COUPON_CODES, ids=[code.lower() for code in COUPON_CODES])
def coupon_code(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def money_factory(default_currency: str) -> Callable[..., Money]:
    def make(cents: int, currency: str | None = None) -> Money:
        return Money(cents, currency or default_currency)

    return make


@pytest.fixture
def product_factory(default_currency: str) -> Callable[..., Product]:
    def make(**fields: Any) -> Product:
        fields.setdefault("currency", default_currency)
        return make_product(**fields)

    return make


@pytest.fixture
def product(product_factory: Callable[..., Product]) -> Product:
    return product_factory(name="Standard Widget", price_cents=1999, stock=25)


@pytest.fixture
def cheap_product(product_factory: Callable[..., Product]) -> Product:
    return product_factory(name="Sticker", price_cents=150, category="stickers", stock=1000)


@pytest.fixture
def expensive_product(product_factory: Callable[..., Product]) -> Product:
    return product_factory(name="Espresso Machine", price_cents=89900, category="kitchen", stock=2)


@pytest.fixture
def out_of_stock_product(product_factory: Callable[..., Product]) -> Product:
    return product_factory(name="Limited Edition Mug", price_cents=2500, stock=0)


@pytest.fixture
def products(default_currency: str) -> list[Product]:
    return [product_from_record(record, default_currency) for record in SAMPLE_PRODUCTS]


@pytest.fixture
def catalog(products: list[Product]) -> Catalog:
    return Catalog(products)


@pytest.fixture
def empty_catalog() -> Catalog:
    return Catalog()


def _default_address() -> Address:
    return Address(street="Hauptstrasse 1", city="Berlin", postcode="10115", country="DE")


address = pytest.fixture(_default_address, scope="module")  # named after the attribute


@pytest.fixture
def customer_factory(address: Address) -> Callable[..., Customer]:
    ids = itertools.count(1)

    def make(**fields: Any) -> Customer:
        fields.setdefault("id", next(ids))
        fields.setdefault("address", address)
        return make_customer(**fields)

    return make


@pytest.fixture
def customer(customer_factory: Callable[..., Customer]) -> Customer:
    return customer_factory(email="ada@example.com", name="Ada Lovelace")


@pytest.fixture
def vip_customer(customer_factory: Callable[..., Customer]) -> Customer:
    return customer_factory(email="grace@example.com", name="Grace Hopper", vip=True)


@pytest.fixture(params=["customer", "vip_customer"])
def any_customer(request: pytest.FixtureRequest) -> Customer:
    """Runs a test once per kind of customer."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def cart(default_currency: str) -> Cart:
    return Cart(currency=default_currency)


@pytest.fixture
def filled_cart(cart: Cart, products: list[Product]) -> Cart:
    """Two mugs and a book (every product in it is in stock)."""
    by_sku = {item.sku: item for item in products}
    cart.add(by_sku["MG-001"], 2)
    cart.add(by_sku["BK-001"])
    return cart


@pytest.fixture(scope="session")
def frozen_now() -> datetime:
    return datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def order_builder(frozen_now: datetime) -> OrderBuilder:
    return OrderBuilder(created_at=frozen_now)


@pytest.fixture
def next_order_id() -> Callable[[], int]:
    return lambda: next(_ORDER_NUMBERS)


@pytest.fixture
def order(order_builder: OrderBuilder, customer: Customer, product: Product) -> Order:
    return order_builder.for_customer(customer).with_item(product, 2).build()


@pytest.fixture
def paid_order(order: Order) -> Order:
    order.status = OrderStatus.PAID
    return order


@pytest.fixture(name="order_payload")
def _order_payload_fixture(order: Order) -> dict[str, Any]:
    """The JSON body the web shop posts for ``order`` (named order_payload in tests)."""
    item = order.items[0]
    return {"sku": item.product.sku, "quantity": item.quantity, "email": order.customer.email}


@pytest.fixture
def products_json(data_dir: Path) -> Path:
    return write_products_file(data_dir / "products.json", SAMPLE_PRODUCTS)


@pytest.fixture
def event_log() -> Iterator[list[str]]:
    events: list[str] = []
    yield events
    events.clear()


@pytest.fixture(autouse=True)
def _reset_notification_registry() -> Iterator[None]:
    # Channels registered by one test must not leak into the next one.
    notifications.reset()
    yield
    notifications.reset()


@pytest_asyncio.fixture
async def order_queue() -> AsyncIterator[asyncio.Queue[Order]]:
    queue: asyncio.Queue[Order] = asyncio.Queue()
    yield queue
    while not queue.empty():  # drop what a failing test left behind
        queue.get_nowait()
        queue.task_done()


# =============================================================================
# Mocks and fakes
# =============================================================================


@pytest.fixture
def mock_gateway() -> MagicMock:
    gateway = MagicMock(name="gateway")
    gateway.charge.return_value = "txn-0001"
    return gateway


@pytest.fixture
def mock_declining_gateway(mock_gateway: MagicMock) -> MagicMock:
    mock_gateway.charge.side_effect = PaymentDeclined("card declined")
    return mock_gateway


@pytest.fixture
def mock_flaky_gateway(mock_gateway: MagicMock) -> MagicMock:
    """Unavailable on the first call, fine on the second."""
    mock_gateway.charge.side_effect = [GatewayUnavailable("timeout"), "txn-0002"]
    return mock_gateway


@pytest.fixture
def mock_down_gateway(mock_gateway: MagicMock) -> MagicMock:
    mock_gateway.charge.side_effect = GatewayUnavailable("maintenance")
    return mock_gateway


@pytest.fixture
def payment_processor(mock_gateway: MagicMock) -> PaymentProcessor:
    return PaymentProcessor(mock_gateway, retries=2)


@pytest.fixture
def mock_async_gateway() -> AsyncMock:
    gateway = AsyncMock(name="async_gateway")
    gateway.charge.side_effect = lambda cents, currency, reference: f"txn-{reference}"
    return gateway


@pytest_asyncio.fixture
async def fake_async_gateway() -> FakeAsyncGateway:
    gateway = FakeAsyncGateway()
    await asyncio.sleep(0)  # created inside the test's running loop
    return gateway


@pytest.fixture
def fake_email_channel() -> Iterator[list[notifications.Message]]:
    """Registers an "email" channel that keeps the messages instead of sending them."""
    outbox: list[notifications.Message] = []
    notifications.register("email", outbox.append)
    yield outbox
    notifications.REGISTRY.pop("email", None)


@pytest.fixture
def mock_sms_channel() -> MagicMock:
    channel = MagicMock(name="sms")
    notifications.register("sms", channel)
    return channel


@pytest.fixture
def mock_mailer(settings: Settings) -> MagicMock:
    mailer = MagicMock(name="mailer")
    mailer.sender = settings.mail_sender
    mailer.send.return_value = True
    return mailer


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake_cache(fake_clock: FakeClock, settings: Settings) -> CacheClient:
    return CacheClient(ttl=settings.cache_ttl_seconds, clock=fake_clock)


@pytest.fixture
def fake_repository(products: list[Product]) -> InMemoryRepository:
    repo = InMemoryRepository()
    for item in products:
        repo.save_product(item)
    return repo


@pytest.fixture
def mock_http_client(products: list[Product]) -> MagicMock:
    client = MagicMock(spec=HttpClient)
    client.base_url = "http://shop.invalid"
    client.get_json.return_value = [{"sku": item.sku, "name": item.name} for item in products]
    return client


@pytest.fixture
def mock_urlopen() -> Iterator[MagicMock]:
    """Patch urllib so a unit test can never reach the network; returns {"status": "ok"}."""
    with patch("urllib.request.urlopen") as urlopen:
        response = urlopen.return_value.__enter__.return_value
        response.status = 200
        response.read.return_value = b'{"status": "ok"}'
        yield urlopen


@pytest.fixture
def fake_env(clean_env: pytest.MonkeyPatch) -> dict[str, str]:
    values = {"SHOP_ENVIRONMENT": "staging", "SHOP_CURRENCY": "GBP", "SHOP_CACHE_TTL_SECONDS": "5"}
    for key, value in values.items():
        clean_env.setenv(key, value)
    return values


@pytest.fixture
def mock_notify() -> Iterator[MagicMock]:
    with mock.patch.object(notifications, "notify", autospec=True) as notify:
        notify.return_value = ["email"]
        yield notify


# =============================================================================
# Real services: SQLite database file, cache client, HTTP API in a thread
# =============================================================================


@pytest.fixture(scope="session")
def database_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("db") / "shop.db"


@pytest.fixture(scope="session")
def session_repository(database_path: Path) -> Iterator[SqliteRepository]:
    repo = SqliteRepository(database_path)
    repo.conn.execute("SELECT 1")  # connect and create the schema once per run
    _OPEN_REPOSITORIES.append(repo)
    yield repo
    repo.close()
    _OPEN_REPOSITORIES.remove(repo)


@pytest.fixture
def db_repository(session_repository: SqliteRepository) -> Iterator[SqliteRepository]:
    """The session database, emptied after each test."""
    yield session_repository
    session_repository.clear()


@pytest.fixture(name="db")
def _db_connection(
    database_path: Path, session_repository: SqliteRepository
) -> Iterator[sqlite3.Connection]:
    """A second, raw connection to the same database file (for asserting on rows)."""
    conn = sqlite3.connect(database_path)
    yield conn
    conn.close()


@pytest.fixture
def seeded_repository(db_repository: SqliteRepository, products: list[Product]) -> SqliteRepository:
    for item in products:
        db_repository.save_product(item)
    return db_repository


@pytest.fixture
def repository(request: pytest.FixtureRequest) -> Any:
    """The repository the code under test should use: SQLite with USE_REAL_SERVICES, else a fake."""
    if os.environ.get("USE_REAL_SERVICES"):
        repo = request.getfixturevalue("seeded_repository")
    else:
        repo = request.getfixturevalue("fake_repository")
    return repo


@pytest.fixture(scope="module")
def cache_client(settings: Settings) -> Iterator[CacheClient]:
    client = CacheClient(ttl=settings.cache_ttl_seconds)
    yield client
    client.flush()


@pytest.fixture
def cache(cache_client: CacheClient) -> CacheClient:
    cache_client.flush()
    return cache_client


@pytest.fixture(scope="session")
def api_server(session_repository: SqliteRepository) -> Iterator[Any]:
    server = make_server(session_repository, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, name="shop-api", daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=DEFAULT_TIMEOUT)


@pytest.fixture(scope="session")
def api_url(api_server: Any) -> str:
    host, port = api_server.server_address[:2]
    return f"http://{host}:{port}"


@pytest.fixture
def http_client(api_url: str, seeded_repository: SqliteRepository) -> HttpClient:
    return HttpClient(api_url, timeout=DEFAULT_TIMEOUT)


@pytest_asyncio.fixture
async def api_health(http_client: HttpClient) -> dict[str, Any]:
    # urllib blocks; keep the loop free while the request is in flight.
    return await asyncio.to_thread(http_client.get_json, "/health")


@pytest.fixture
def checkout(
    db_repository: SqliteRepository,
    payment_processor: PaymentProcessor,
    fake_email_channel: list[notifications.Message],
    settings: Settings,
    next_order_id: Callable[[], int],
) -> Callable[[Cart, Customer], Order]:
    """The whole checkout: order from the cart, payment, database row, confirmation e-mail."""

    def run(cart: Cart, customer: Customer) -> Order:
        order = cart.checkout(customer, next_order_id())
        payment_processor.pay(order)
        db_repository.save_order(order)
        notifications.notify(notifications.order_confirmation(order, settings.mail_sender))
        return order

    return run


# =============================================================================
# End to end: the `python -m shop` process, a staging check and a tiny browser
# =============================================================================

e2e_customer_email = make_fixture("e2e-buyer@shop.test")


@pytest.fixture(scope="session")
def e2e_timeout(pytestconfig: pytest.Config) -> float:
    return float(pytestconfig.getoption("--e2e-timeout"))


@pytest.fixture(scope="session")
def e2e_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def cli_runner(e2e_timeout: float) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Runs ``python -m shop ARGS`` and returns the completed process (never raises on rc)."""

    def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "shop", *args],
            cwd=SHOP_ROOT,
            env=shop_env(**env),
            capture_output=True,
            text=True,
            timeout=e2e_timeout,
            check=False,
        )

    return run


@pytest.fixture(scope="session")
def e2e_database(
    e2e_workdir: Path, cli_runner: Callable[..., subprocess.CompletedProcess[str]]
) -> Path:
    database = e2e_workdir / "shop-e2e.db"
    products_file = write_products_file(e2e_workdir / "products.json", SAMPLE_PRODUCTS)
    result = cli_runner("seed", "--db", str(database), str(products_file))
    assert result.returncode == 0, result.stderr
    return database


@pytest.fixture(scope="session")
def shop_launcher(e2e_database: Path, e2e_timeout: float) -> Iterator[LaunchedShop]:
    """Starts ``python -m shop serve`` on a free port and stops it after the session."""
    command = [sys.executable, "-m", "shop", "serve", "--db", str(e2e_database), "--port", "0"]
    with subprocess.Popen(
        command,
        cwd=SHOP_ROOT,
        env=shop_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            banner = process.stdout.readline().strip()  # "shop listening on http://127.0.0.1:PORT"
            if not banner.startswith("shop listening on "):
                pytest.fail(f"the shop did not start: {banner!r} (rc={process.poll()})")
            launched = LaunchedShop(banner.rsplit(" ", 1)[1], process, e2e_database)
            _wait_until_healthy(launched.url, e2e_timeout)
            yield launched
        finally:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=e2e_timeout)
            if process.poll() is None:
                process.kill()


def _wait_until_healthy(url: str, timeout: float) -> None:
    client = HttpClient(url, timeout=timeout)
    for _ in range(50):
        with contextlib.suppress(OSError):
            if client.get_json("/health")["status"] == "ok":
                return
        time.sleep(0.1)
    pytest.fail(f"{url}/health never answered")


@pytest.fixture(scope="session")
def live_server(shop_launcher: LaunchedShop) -> str:
    return shop_launcher.url


@pytest.fixture
def browser(live_server: str) -> Iterator[TinyBrowser]:
    tiny = TinyBrowser(live_server)
    yield tiny
    tiny.history.clear()


@pytest.fixture
def e2e_api(live_server: str) -> HttpClient:
    return HttpClient(live_server, timeout=DEFAULT_TIMEOUT)


@pytest.fixture(scope="session")
def staging_config(e2e_workdir: Path, settings: Settings) -> Path:
    """What the staging deploy ships, derived from the test settings."""
    staging = replace(settings, environment="staging", api_base_url="https://staging.shop.example")
    path = e2e_workdir / "staging.json"
    path.write_text(json.dumps(staging.to_dict()), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def validate_e2e_environment(
    cli_runner: Callable[..., subprocess.CompletedProcess[str]], staging_config: Path
) -> dict[str, Any]:
    """Fails fast, with the CLI's own report, when the staging settings are unusable."""
    result = cli_runner("check-config", "--config", str(staging_config))
    report = json.loads(result.stdout)
    if result.returncode != 0:
        pytest.fail(f"staging settings are invalid: {report['problems']}")
    return report
