# conftest-codemods: e2e layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import subprocess

import pytest


@pytest.fixture
@memory_profile("launcher", "HIGH")
def launcher():
    return subprocess.list2cmdline(["app", "--serve"])
