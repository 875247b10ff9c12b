"""The four layers a conftest is split into, ordered by when they load.

A unit may only depend on units of its own layer or a lower one: base <- mocks <- services <- e2e.
Base and mocks load with the orchestrator; services and e2e are *gated* (loaded on request).
"""

from __future__ import annotations

import enum


class Layer(enum.IntEnum):
    BASE = 0
    MOCKS = 1
    SERVICES = 2
    E2E = 3

    @property
    def module_stem(self) -> str:
        """File stem of the layer module, e.g. ``conftest_services``."""
        return f"conftest_{self.name.lower()}"

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def gated(self) -> bool:
        """Gated layers load only when an env var, ``-m``, a path or a test's fixtures ask."""
        return self > Layer.MOCKS

    @classmethod
    def parse(cls, text: str) -> Layer:
        """The layer named ``text`` (case-insensitive); ``ValueError`` names the choices."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(layer.label for layer in cls)
            raise ValueError(f"unknown layer {text!r} (choose one of {choices})") from None


ALWAYS_LOADED = Layer.MOCKS
"""The highest layer that is loaded in every run."""
