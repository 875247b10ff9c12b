from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from decimal import Decimal, Context  # the money types
from fractions import Fraction

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable


@pytest.fixture
def amounts() -> Iterator[list[Decimal]]:
    yield []


def to_ratio(value: "Fraction", scale: Callable[[int], int] | None = None) -> "Fraction":
    return value


def context_name(context: Context) -> str:
    return type(context).__name__
