"""Stand-in for ``conftest_support`` whose decorator changes nothing: the undecorated baseline.

The kinds project runs once with this file as its ``conftest_support.py``, so the same
conftest gives the outcomes of a suite without ``@memory_profile``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any


class Impact(str, enum.Enum):
    MINIMAL = "MINIMAL"
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    VERY_HIGH = "VERY_HIGH"


def memory_profile(description: str, impact: Impact | str = "LOW") -> Callable[[Any], Any]:
    return lambda fn: fn


def register(pluginmanager: Any) -> None:
    return None
