"""Shared fixtures for the shop test suite: settings, mocks, services and e2e launchers."""

import http.client
import http.server
import json
import sqlite3
import subprocess
import sys
import threading
import urllib.request
from unittest import mock

import pytest

DEFAULT_CURRENCY = "EUR"  # every price in the fixtures is in euros
SCHEMA = "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT, price_cents INTEGER);"


def pytest_configure(config):
    # Markers used across the suite (the run uses --strict-markers).
    config.addinivalue_line("markers", "integration: needs the real database or HTTP API")
    config.addinivalue_line("markers", "e2e: drives a launched server end to end")


# ---- Core fixtures ---------------------------------------------------------


@pytest.fixture(scope="session")
def settings():  # application settings shared by every layer
    return {"currency": DEFAULT_CURRENCY, "shop_name": "Golden Shop", "page_size": 2}


@pytest.fixture
def product_factory(settings):
    def make(name="widget", price_cents=250):
        return {"name": name, "price_cents": price_cents, "currency": settings["currency"]}

    return make


# ---- Mocks -----------------------------------------------------------------


@pytest.fixture
def mock_mailer(settings):
    return mock.MagicMock(name="mailer", sender=f"noreply@{settings['shop_name']}.test")


@pytest.fixture
def fake_clock():
    # Freeze time.time() only; time.monotonic() keeps ticking.
    with mock.patch("time.time", return_value=1_700_000_000.0) as patched:
        yield patched


# ---- Real services: a SQLite database and a local HTTP API -----------------


@pytest.fixture
def db_conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "shop.db")
    conn.executescript(SCHEMA)
    yield conn
    conn.close()  # close before tmp_path is cleaned up


@pytest.fixture
def product_repo(db_conn, product_factory, mock_mailer):
    # Cross-layer: a database-backed repository that uses a base factory and a mock.
    class ProductRepo:
        def add(self, **fields):
            product = product_factory(**fields)
            db_conn.execute(
                "INSERT INTO products (name, price_cents) VALUES (?, ?)",
                (product["name"], product["price_cents"]),
            )
            mock_mailer.send(f"new product: {product['name']}")
            return product

    return ProductRepo()


class _JsonHandler(http.server.BaseHTTPRequestHandler):  # JSON echo of the path

    def do_GET(self):
        body = json.dumps({"path": self.path, "ok": True}).encode("utf-8")
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # keep the test output quiet
        pass


@pytest.fixture(scope="session")
def api_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _JsonHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def http_client(api_server):
    client = http.client.HTTPConnection(*api_server.server_address[:2], timeout=5)
    yield client
    client.close()


# ---- End to end: a real server process and a tiny "browser" ----------------


@pytest.fixture(scope="session")
def e2e_site(tmp_path_factory, settings):
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text(f"<h1>{settings['shop_name']}</h1>", encoding="utf-8")
    return site


@pytest.fixture(scope="session")
def live_server(e2e_site):
    # Port 0: the server picks a free port and announces it on its first line of output.
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"],
        cwd=e2e_site,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        banner = process.stdout.readline()  # "Serving HTTP on 127.0.0.1 port 41234 (...) ..."
        port = int(banner.split(" port ")[1].split()[0])
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@pytest.fixture
def browser(live_server):
    """A very small browser: fetches a page from the live server."""

    def open_page(path="/"):
        with urllib.request.urlopen(live_server + path, timeout=5) as response:
            return response.status, response.read().decode("utf-8")

    return open_page
