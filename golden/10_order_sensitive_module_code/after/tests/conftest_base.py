# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Fixtures for the shop application; the order of the module code below matters."""

from conftest_codemods_runtime import memory_profile

import os
import sys
from pathlib import Path

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
@memory_profile("app", "MINIMAL")
def app():
    return shop_app.App()


@pytest.fixture
@memory_profile("health", "MINIMAL")
def health(app):
    response = app.handle("/health")
    helpers.assert_status(response, 200)  # rewritten assert inside a fixture
    return response


@pytest.fixture
@memory_profile("settings module", "MINIMAL")
def settings_module():
    return app_settings
