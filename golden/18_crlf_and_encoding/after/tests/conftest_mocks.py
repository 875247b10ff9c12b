# -*- coding: latin-1 -*-
# conftest-codemods: mocks layer of conftest.py, always loaded.
from unittest import mock

import pytest


# --- mocks: the card terminal ----------------------------------------------


@pytest.fixture
def mock_terminal():
    terminal = mock.Mock(name="terminal")
    terminal.display.return_value = "Carte acceptée"  # French terminal firmware
    return terminal
