# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest_base import TIMEOUT

RETRIES = 3


def describe_timeout():
    return f"timeout={TIMEOUT}"
