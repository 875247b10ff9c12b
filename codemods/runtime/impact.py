"""Impact levels: how much memory a fixture's setup takes, from MINIMAL to VERY_HIGH.

Shared by the plugin (which measures) and the toolkit (which estimates levels before measuring
and rewrites ``impact=`` after), so both use one set of names and thresholds.
"""

from __future__ import annotations

import enum

__all__ = ["IMPACT_UPPER_BOUNDS_MB", "Impact", "as_impact", "impact_for_mb"]


class Impact(str, enum.Enum):
    """How much memory a fixture's setup takes, from MINIMAL to VERY_HIGH.

    A ``str`` enum so that ``impact="HIGH"`` and ``Impact.HIGH`` mean the same, and the JSON
    report and the ``profile --write`` transform can use the plain names.
    """

    MINIMAL = "MINIMAL"
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    VERY_HIGH = "VERY_HIGH"

    @property
    def rank(self) -> int:
        """0 for MINIMAL up to 4 for VERY_HIGH, to compare declared and measured levels."""
        return list(Impact).index(self)


IMPACT_UPPER_BOUNDS_MB: tuple[tuple[Impact, float], ...] = (
    (Impact.MINIMAL, 1.0),
    (Impact.LOW, 10.0),
    (Impact.MEDIUM, 50.0),
    (Impact.HIGH, 200.0),
)
"""Each level holds figures below its bound; 200 MB and more is VERY_HIGH."""

_IMPACTS_BY_NAME = {level.value: level for level in Impact}


def impact_for_mb(mb: float) -> Impact:
    """The level a measured figure in MB belongs to (MINIMAL < 1 <= LOW < 10 <= MEDIUM < 50
    <= HIGH < 200 <= VERY_HIGH); negative figures (a fixture that freed memory) are MINIMAL."""
    for level, upper in IMPACT_UPPER_BOUNDS_MB:
        if mb < upper:
            return level
    return Impact.VERY_HIGH


def as_impact(value: object) -> Impact:
    """``value`` as a level: an ``Impact``, its name in any case, or an object whose ``.name``
    is one (another copy's enum, such as a vendored shim's)."""
    if isinstance(value, Impact):
        return value
    if isinstance(value, str) and value in _IMPACTS_BY_NAME:  # the spelling migrate writes
        return _IMPACTS_BY_NAME[value]
    name = value if isinstance(value, str) else getattr(value, "name", value)
    try:
        return Impact[str(name).strip().upper()]
    except KeyError:
        names = ", ".join(level.name for level in Impact)
        raise ValueError(f"memory_profile: unknown impact {value!r} (use {names})") from None
