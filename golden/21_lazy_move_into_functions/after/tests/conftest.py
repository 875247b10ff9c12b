"""Fixtures for the pricing tests."""

from __future__ import annotations

import os

# numbers: slow to import in the real project

import pytest
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fractions import Fraction

TAX_RATE = os.environ.get("TAX_RATE", "0.2")


@pytest.fixture
def price():
    """A price with two decimal places."""
    import decimal as dec
    return dec.Decimal("19.99")


@pytest.fixture
def half() -> Fraction:
    from fractions import Fraction
    return Fraction(1, 2)


@pytest.fixture
def tax():
    import decimal as dec
    return dec.Decimal(TAX_RATE)


@pytest.fixture
def payload_factory():
    def make(**fields):
        import json
        return json.dumps(fields, sort_keys=True)

    return make


def average(values):
    from statistics import mean
    return mean(values)


def document():
    import xml.dom.minidom as minidom
    return minidom.parseString("<order id='7'/>").documentElement.getAttribute("id")
