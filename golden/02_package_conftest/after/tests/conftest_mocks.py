# conftest-codemods: mocks layer of conftest.py (version 0.1.0), always loaded.

from __future__ import annotations

from conftest_codemods_runtime import memory_profile

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
