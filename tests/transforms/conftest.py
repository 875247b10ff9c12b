"""Assertion rewriting for the helpers the transform tests share."""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("tests.transforms.tools")
