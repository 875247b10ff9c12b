"""Weather service test fixtures.

The suite runs with --import-mode=importlib: test modules share basenames across
tests/unit, tests/integration and tests/e2e, and nothing here is importable by name.
"""

import json
import os
import subprocess
import sys
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from unittest import mock

import pytest

CITIES = {"paris": 18.5, "oslo": 4.0}  # degrees Celsius served by the fake upstream


@pytest.fixture
def city():
    return "paris"


@pytest.fixture
def forecast(city):
    # a pure-python forecast computed from the static table
    return {
        "city": city,
        "celsius": CITIES[city],
        "fahrenheit": CITIES[city] * 9 / 5 + 32,
    }


# Mocks: the upstream provider, patched out --------------------------------


@pytest.fixture
def mock_upstream():
    with mock.patch("urllib.request.urlopen") as urlopen:
        urlopen.return_value.__enter__.return_value.read.return_value = (
            b'{"celsius": -1.0}'
        )
        yield urlopen


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
def weather_api():
    server = HTTPServer(("127.0.0.1", 0), _WeatherHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield "http://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def http_client(weather_api):
    def get(path):
        with urllib.request.urlopen(weather_api + path, timeout=5) as response:
            return json.loads(response.read())

    return get


# End to end ---------------------------------------------------------------


@pytest.fixture(scope="session")
def e2e_env():
    """Validates the environment for the end-to-end suite."""
    if os.environ.get("RUN_E2E_TESTS") != "1":
        pytest.skip("set RUN_E2E_TESTS=1 to run the end-to-end suite")
    return {"python": sys.executable}


@pytest.fixture
def e2e_worker():
    """Runs the report worker as a separate process and returns its JSON output."""
    script = "import json, sys; print(json.dumps({'city': sys.argv[1], 'ok': True}))"

    def run(city):
        out = subprocess.check_output(
            [sys.executable, "-c", script, city], text=True, timeout=30
        )
        return json.loads(out)

    return run
