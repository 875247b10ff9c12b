"""Measured import cost and import-time risks of a conftest (the ``audit`` command)."""

from __future__ import annotations
