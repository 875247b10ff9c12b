"""libcst transforms, one per file; each keeps the comments and formatting it does not change."""

from __future__ import annotations
