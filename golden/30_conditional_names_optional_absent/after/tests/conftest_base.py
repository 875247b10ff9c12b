# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""An optional plugin that is not installed here, and names bound in branches."""

from conftest_codemods_runtime import memory_profile

import sys

import pytest

try:
    from conftest_codemods_absent_plugin import PLUGIN_SETTINGS  # never installed
    HAVE_PLUGIN = True
except ImportError:
    HAVE_PLUGIN = False

if sys.platform == "conftest-codemods-never":
    PLATFORM_ONLY = "bound only on a platform that does not exist"
else:
    DEFAULT_NAME = "fallback"


@pytest.fixture
@memory_profile("plugin flag", "MINIMAL")
def plugin_flag():
    return HAVE_PLUGIN


@pytest.fixture
@memory_profile("display name", "MINIMAL")
def display_name():
    return DEFAULT_NAME
