"""Files that ``migrate`` copies into a user's test tree verbatim (they must not import us)."""

from __future__ import annotations
