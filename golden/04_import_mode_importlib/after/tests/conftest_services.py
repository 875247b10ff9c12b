# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

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
