# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Fixtures for the invoice tests."""

from conftest_codemods_runtime import memory_profile

from fractions import Fraction

import pytest

from conftest_codemods_runtime import lazy_module as _lazy_module
json = _lazy_module("json")

# Serialisers the tests pick by name: the module object is stored while the conftest loads.
FORMATS = {"json": json}


@pytest.fixture
@memory_profile("An invoice amount.", "MINIMAL")
def amount():
    """An invoice amount."""
    from decimal import Decimal
    return Decimal("12.50")


@pytest.fixture(params=[Fraction(1, 4), Fraction(1, 2)], ids=["quarter", "half"])
@memory_profile("discount", "MINIMAL")
def discount(request):
    return request.param


@pytest.fixture
@memory_profile("invoice xml", "MINIMAL")
def invoice_xml(amount):
    import xml.dom.minidom as minidom
    return minidom.parseString(f"<invoice amount='{amount}'/>")
