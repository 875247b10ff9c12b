"""Ratios for the reporting tests."""

from fractions import Fraction
from statistics import fmean

import pytest


@pytest.fixture
def third() -> Fraction:
    return Fraction(1, 3)


def average(values: list[Fraction]) -> float:
    return fmean(float(value) for value in values)
