"""Read-only analysis of a conftest module: units, names, fixtures and their dependency graph.

Nothing here rewrites code or does I/O; ``build_model`` turns a parsed module into a
``ConftestModel`` that the planner and the lint rules share.
"""

from __future__ import annotations

from codemods.analysis.model import ConftestModel, build_model
from codemods.analysis.units import Unit, UnitKind

__all__ = ["ConftestModel", "Unit", "UnitKind", "build_model"]
