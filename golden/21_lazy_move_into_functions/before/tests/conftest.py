"""Fixtures for the pricing tests."""

from __future__ import annotations

import os

# numbers: slow to import in the real project
import decimal as dec
from fractions import Fraction
import json
import xml.dom.minidom as minidom
from statistics import mean

import pytest

TAX_RATE = os.environ.get("TAX_RATE", "0.2")


@pytest.fixture
def price():
    """A price with two decimal places."""
    return dec.Decimal("19.99")


@pytest.fixture
def half() -> Fraction:
    return Fraction(1, 2)


@pytest.fixture
def tax():
    return dec.Decimal(TAX_RATE)


@pytest.fixture
def payload_factory():
    def make(**fields):
        return json.dumps(fields, sort_keys=True)

    return make


def average(values):  return mean(values)


def document():
    return minidom.parseString("<order id='7'/>").documentElement.getAttribute("id")
