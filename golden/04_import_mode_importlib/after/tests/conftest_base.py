# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Weather service test fixtures.

The suite runs with --import-mode=importlib: test modules share basenames across
tests/unit, tests/integration and tests/e2e, and nothing here is importable by name.
"""

from conftest_codemods_runtime import memory_profile

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

CITIES = {"paris": 18.5, "oslo": 4.0}  # degrees Celsius served by the fake upstream


@pytest.fixture
@memory_profile("city", "MINIMAL")
def city():
    return "paris"


@pytest.fixture
@memory_profile("forecast", "MINIMAL")
def forecast(city):
    # a pure-python forecast computed from the static table
    return {
        "city": city,
        "celsius": CITIES[city],
        "fahrenheit": CITIES[city] * 9 / 5 + 32,
    }


# Services: a real HTTP server on localhost --------------------------------


class _WeatherHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        name = self.path.strip("/")
        status = 200 if name in CITIES else 404
        body = json.dumps({"city": name, "celsius": CITIES.get(name)}).encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # silence request logging
        pass


@pytest.fixture(scope="module")
@memory_profile("weather api", "LOW")
def weather_api():
    server = HTTPServer(("127.0.0.1", 0), _WeatherHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield "http://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()
    server.server_close()
