# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import pytest

REGION = "unit"


@pytest.fixture
@memory_profile("Overrides the root fixture: the root settings with this directory's r...", "MINIMAL")
def settings(settings):
    """Overrides the root fixture: the root settings with this directory's region."""
    return {**settings, "region": REGION}
