# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).

import pytest
import helpers

import app_settings  # noqa: E402
import shop_app


@pytest.fixture
def app():
    return shop_app.App()


@pytest.fixture
def health(app):
    response = app.handle("/health")
    helpers.assert_status(response, 200)  # rewritten assert inside a fixture
    return response


@pytest.fixture
def settings_module():
    return app_settings
