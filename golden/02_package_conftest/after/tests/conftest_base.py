# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Fixtures for the library catalogue tests (tests/ is a package)."""

from __future__ import annotations

from conftest_codemods_runtime import memory_profile

from dataclasses import dataclass, field

import pytest

from .helpers import slugify  # relative import: only works because tests/ is a package

# --- domain objects -------------------------------------------------------


@dataclass
class Book:
    title: str
    author: str
    tags: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slugify(self.title)


@pytest.fixture
@memory_profile("book", "MINIMAL")
def book() -> Book:
    return Book("The Pragmatic Tester", "A. Author", tags=["testing"])


@pytest.fixture
@memory_profile("shelf", "MINIMAL")
def shelf(book):
    # a shelf always holds the default book plus one more
    return [book, Book("Second Volume", "B. Writer")]
