"""Keep pytest out of the corpus data.

``cache/`` holds conftest.py files extracted from public packages (see ``fetch.py``) and
``vendored/`` holds a copy of one; neither is part of this project's test suite. Without this,
pytest would import every extracted conftest while collecting ``tests/`` and fail on the
packages they need (pandas, astropy, ...).
"""

from __future__ import annotations

collect_ignore = ["cache", "vendored"]
