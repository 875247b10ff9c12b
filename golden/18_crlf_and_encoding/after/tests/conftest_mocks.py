# -*- coding: latin-1 -*-
# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

from unittest import mock

import pytest


# --- mocks: the card terminal ----------------------------------------------


@pytest.fixture
@memory_profile("mock terminal", "LOW")
def mock_terminal():
    terminal = mock.Mock(name="terminal")
    terminal.display.return_value = "Carte acceptée"  # French terminal firmware
    return terminal
