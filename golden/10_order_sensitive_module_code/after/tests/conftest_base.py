# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
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
