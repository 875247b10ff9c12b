# conftest-codemods: e2e layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

import subprocess

import pytest


@pytest.fixture
@memory_profile("launcher", "HIGH")
def launcher():
    return subprocess.list2cmdline(["app", "--serve"])
