"""One conftest module read once: its text and ``ast``, and the costly facts on demand.

``migrate``, ``check``/``fix``, ``graph`` and ``fix --select CC013`` all need the same things of a
conftest: the libcst tree (for the transforms and the model), the fixtures (read from the
``ast``) and the model (units and their edges). They get them from a ``ParsedConftest``, so the
parse and the model are built in one place, each at most once, and only when asked: the libcst
import alone costs as much as parsing a 2,000-line file, and ``check`` on a hand-written conftest
often needs neither.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from codemods.analysis.fixtures import ModuleFixtures, module_fixtures
from codemods.errors import InputError
from codemods.io import SourceFile

if TYPE_CHECKING:
    import libcst as cst

    from codemods.analysis.model import ConftestModel


@dataclass
class ParsedConftest:
    """A conftest module as read from disk (or as a fix left it), parsed on demand."""

    source: SourceFile
    imported_factories: frozenset[str] = field(default=frozenset())
    """Fixture factories a lower layer binds for this module (``fixtures.imported_factories``):
    a layer module runs in its conftest's namespace, so ``x = make_fixture()`` is a fixture."""

    @property
    def path(self) -> Path:
        return self.source.path

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def tree(self) -> ast.Module:
        return self.source.tree

    @cached_property
    def module(self) -> cst.Module:
        """The libcst tree; the ``ast`` already accepted the text, so a failure here is syntax
        libcst does not know yet."""
        import libcst as cst

        try:
            return cst.parse_module(self.text)
        except cst.ParserSyntaxError as error:
            raise InputError(
                self.path,
                f"cannot parse at line {error.raw_line}: {error.message}",
                "libcst does not support this syntax yet",
            ) from None

    @cached_property
    def fixtures(self) -> ModuleFixtures:
        """Every fixture, per top-level statement, read from the ``ast`` (a few ms)."""
        return module_fixtures(self.tree, self.text, self.imported_factories)

    @cached_property
    def model(self) -> ConftestModel:
        """Units, names, fixtures and edges on the libcst tree (needs the libcst parse)."""
        from codemods.analysis.model import build_model

        return build_model(self.module, self.tree, self.text, self.fixtures)
