import os
import sys

import decimal
import fractions
from statistics import median
import json
import csv  # noqa: F401  (registers the dialects the suite uses)
import string
from textwrap import dedent as dedent_text
import calendar
import heapq

import pytest

pytest.register_assert_rewrite("helpers")

# a base class, a class body and module-level attribute access all run now
PARSE = json.loads
MONTHS = list(calendar.month_name)[1:]


class Money(decimal.Decimal):
    zero = fractions.Fraction(0)


@pytest.fixture(params=[median([1, 2, 3])])
def middle(request):
    return request.param


@pytest.fixture
def template(prefix=string.ascii_letters[:3]):
    return prefix


def show(text, wrap=dedent_text):
    return wrap(text)


heapq = heapq

os.environ.setdefault("APP_SETTINGS", "testing")
sys.path.insert(0, os.path.dirname(__file__))

import colorsys
import zlib
import helpers

# a handler that must see the import fail right there: a `from` import, a broad handler
try:
    from html import escape
except ImportError:
    escape = None

try:
    import textwrap as wrapping
except Exception:
    wrapping = None


@pytest.fixture
def hue():
    return colorsys.rgb_to_hsv(1, 0, 0)[0]


@pytest.fixture
def crc():
    return zlib.crc32(b"abc")


@pytest.fixture
def check():
    return helpers.check_total


@pytest.fixture
def markup():
    return escape("<b>"), wrapping.fill("a b", 1)
