# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import json
import urllib.request

import pytest


@pytest.fixture
@memory_profile("http client", "MEDIUM")
def http_client(weather_api):
    def get(path):
        with urllib.request.urlopen(weather_api + path, timeout=5) as response:
            return json.loads(response.read())

    return get
