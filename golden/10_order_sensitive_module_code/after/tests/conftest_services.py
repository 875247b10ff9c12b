# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import pytest
import helpers

import app_settings  # noqa: E402
import shop_app


@pytest.fixture
@memory_profile("app", "MEDIUM")
def app():
    return shop_app.App()


@pytest.fixture
@memory_profile("health", "MEDIUM")
def health(app):
    response = app.handle("/health")
    helpers.assert_status(response, 200)  # rewritten assert inside a fixture
    return response


@pytest.fixture
@memory_profile("settings module", "MEDIUM")
def settings_module():
    return app_settings
