# conftest-codemods: mocks layer of conftest.py, always loaded.

from __future__ import annotations

if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

from unittest import mock

import pytest


# --- mocks ----------------------------------------------------------------


@pytest.fixture
@memory_profile("mock catalog api", "LOW")
def mock_catalog_api():
    api = mock.create_autospec(_CatalogApi, instance=True)
    api.lookup.return_value = {"isbn": "978-0000000000", "found": True}
    return api


class _CatalogApi:
    """The interface of the remote catalogue; only used to autospec the mock."""

    def lookup(self, isbn: str) -> dict:  # pragma: no cover - never called for real
        raise NotImplementedError
