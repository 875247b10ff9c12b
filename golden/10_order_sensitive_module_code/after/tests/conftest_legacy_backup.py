"""Fixtures for the shop application; the order of the module code below matters."""

import os
import sys
from pathlib import Path
from unittest import mock

import pytest

# Helpers get assertion rewriting only if registered before their first import.
pytest.register_assert_rewrite("helpers")
import helpers  # noqa: E402

# The application lives in src/ and is not installed.
SRC = Path(__file__).resolve().parent.parent / "src"
sys.path.insert(0, str(SRC))

# app_settings reads APP_MODE when it is imported: set it first.
os.environ.setdefault("APP_MODE", "test")

import app_settings  # noqa: E402
import shop_app  # noqa: E402


@pytest.fixture
def app():
    return shop_app.App()


@pytest.fixture
def health(app):
    response = app.handle("/health")
    helpers.assert_status(response, 200)  # rewritten assert inside a fixture
    return response


@pytest.fixture
def mock_app():
    fake = mock.Mock(spec=shop_app.App)
    fake.handle.return_value = {"status": 503, "body": "maintenance"}
    return fake


@pytest.fixture
def settings_module():
    return app_settings
