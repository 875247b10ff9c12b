# conftest-codemods: generated lazy-import support, version 0.1.0. Do not edit by hand:
# rerun `conftest-codemods lazy` to update it.
"""Deferred imports for conftests: ``np = lazy_module("numpy")`` instead of ``import numpy as np``.

pytest imports every conftest before it collects a single test, so a heavy module imported at
module level is paid by every run, even one that never calls the fixture that needs it. This
file is copied verbatim beside the conftest (it must not import conftest-codemods); the conftest
binds a module object whose code runs on first attribute access.

A module that is not installed fails at once, exactly where ``import`` failed, so an optional
dependency still surfaces as the same collection error; only the module's *execution* is
deferred. ``CONFTEST_EAGER_IMPORTS=1`` makes every lazy import eager, for debugging an import
that now fails late.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types
from typing import Any

EAGER_ENV = "CONFTEST_EAGER_IMPORTS"


def lazy_module(name: str) -> types.ModuleType:
    """The module ``name``, executed when an attribute of it is first read."""
    if name in sys.modules or _eager():
        return importlib.import_module(name)
    top = name.partition(".")[0]
    if importlib.util.find_spec(top) is None:  # not installed: fail where ``import`` failed
        raise ModuleNotFoundError(f"No module named {top!r}", name=top)
    if top != name:
        return _SubmoduleProxy(name)  # finding x.y would run x itself
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return importlib.import_module(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


def _eager() -> bool:
    return os.environ.get(EAGER_ENV, "").strip().lower() not in ("", "0", "false", "no")


class _SubmoduleProxy(types.ModuleType):
    """Stands for ``x.y`` (bound by ``import x.y as z``) until an attribute is read: then
    imports it and forwards every read and write to the real module (PEP 562 style)."""

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self.__name__), attribute)

    def __setattr__(self, attribute: str, value: Any) -> None:
        setattr(importlib.import_module(self.__name__), attribute, value)

    def __dir__(self) -> list[str]:
        return dir(importlib.import_module(self.__name__))
