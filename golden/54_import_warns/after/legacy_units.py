"""Unit conversions, kept for old callers."""

import warnings

warnings.warn("legacy_units is deprecated: use the units package", DeprecationWarning, stacklevel=2)


def to_grams(kilograms):
    return kilograms * 1000
