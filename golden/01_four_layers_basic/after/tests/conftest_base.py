# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Shared fixtures for the shop test suite: settings, mocks, services and e2e launchers."""

from conftest_codemods_runtime import memory_profile

import http.server
import json
import threading

import pytest

DEFAULT_CURRENCY = "EUR"  # every price in the fixtures is in euros


def pytest_configure(config):
    # Markers used across the suite (the run uses --strict-markers).
    config.addinivalue_line("markers", "integration: needs the real database or HTTP API")
    config.addinivalue_line("markers", "e2e: drives a launched server end to end")


# ---- Core fixtures ---------------------------------------------------------


@pytest.fixture(scope="session")
@memory_profile("settings", "LOW")
def settings():  # application settings shared by every layer
    return {"currency": DEFAULT_CURRENCY, "shop_name": "Golden Shop", "page_size": 2}


@pytest.fixture
@memory_profile("product factory", "MINIMAL")
def product_factory(settings):
    def make(name="widget", price_cents=250):
        return {"name": name, "price_cents": price_cents, "currency": settings["currency"]}

    return make


class _JsonHandler(http.server.BaseHTTPRequestHandler):  # JSON echo of the path

    def do_GET(self):
        body = json.dumps({"path": self.path, "ok": True}).encode("utf-8")
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # keep the test output quiet
        pass


@pytest.fixture(scope="session")
@memory_profile("api server", "LOW")
def api_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _JsonHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()
