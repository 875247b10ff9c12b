"""Ratios for the reporting tests."""

from __future__ import annotations

import pytest
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fractions import Fraction


@pytest.fixture
def third() -> Fraction:
    from fractions import Fraction
    return Fraction(1, 3)


def average(values: list[Fraction]) -> float:
    from statistics import fmean
    return fmean(float(value) for value in values)
