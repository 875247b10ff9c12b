# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from typing import TYPE_CHECKING

from conftest_codemods_runtime import memory_profile

if TYPE_CHECKING:
    from conftest_base import CITIES

import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest


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
@memory_profile("weather api", "HIGH")
def weather_api():
    server = HTTPServer(("127.0.0.1", 0), _WeatherHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield "http://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
@memory_profile("http client", "MEDIUM")
def http_client(weather_api):
    def get(path):
        with urllib.request.urlopen(weather_api + path, timeout=5) as response:
            return json.loads(response.read())

    return get
