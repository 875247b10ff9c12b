# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import http.client
import http.server
import json
import sqlite3
import threading

import pytest
SCHEMA = "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT, price_cents INTEGER);"


# ---- Real services: a SQLite database and a local HTTP API -----------------


@pytest.fixture
@memory_profile("db conn", "MEDIUM")
def db_conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "shop.db")
    conn.executescript(SCHEMA)
    yield conn
    conn.close()  # close before tmp_path is cleaned up


@pytest.fixture
@memory_profile("product repo", "MEDIUM")
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
@memory_profile("api server", "HIGH")
def api_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _JsonHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
@memory_profile("http client", "MEDIUM")
def http_client(api_server):
    client = http.client.HTTPConnection(*api_server.server_address[:2], timeout=5)
    yield client
    client.close()
