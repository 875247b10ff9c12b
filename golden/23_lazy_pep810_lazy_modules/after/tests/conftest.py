"""Fixtures with heavy imports."""

from __future__ import annotations

__lazy_modules__ = ["decimal", "fractions"]

import json
from decimal import Decimal
import fractions

import pytest

DUMPS = json.dumps


@pytest.fixture
def price():
    return Decimal("1.25")


@pytest.fixture
def ratio():
    return fractions.Fraction(3, 4)
