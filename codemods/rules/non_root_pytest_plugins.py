"""CC009: ``pytest_plugins`` in a conftest below the rootdir and the testpaths.

pytest rejects ``pytest_plugins`` there ("Defining 'pytest_plugins' in a non-top-level conftest
is no longer supported") when it collects that directory from above, e.g. ``pytest`` at the
root, and accepts it when given the directory itself (``pytest tests/unit``): the run breaks
depending on how pytest is invoked.

pytest loads plugins globally and rejects ``pytest_plugins`` in a conftest it finds while
collecting, so the run fails or not depending on the paths it is given. Move it to the conftest
at the rootdir (or the top of a ``testpaths`` directory).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from codemods.analysis.import_time import import_time_nodes
from codemods.pytest_config import PytestConfig
from codemods.rule_base.context import FileContext
from codemods.rule_base.examples import Invalid, Valid
from codemods.rule_base.rule import Finding, Rule

NAME = "pytest_plugins"


_TESTPATHS = '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n'
_PLUGINS = 'pytest_plugins = ["pytester"]\n'


class NonRootPytestPlugins(Rule):
    code = "CC009"
    name = "non-root-pytest-plugins"

    INVALID = (
        Invalid(
            {
                "pyproject.toml": _TESTPATHS,
                "tests/conftest.py": "import pytest\n",
                "tests/unit/conftest.py": _PLUGINS,
            }
        ),
    )
    VALID = (
        Valid(
            {
                "pyproject.toml": _TESTPATHS,
                "tests/conftest.py": _PLUGINS,
                "tests/unit/conftest.py": "import pytest\n",
            }
        ),
    )

    def check(self, context: FileContext) -> Iterator[Finding]:
        config = context.group.pytest_config
        if NAME not in context.source.text or config is None:
            return
        if context.path.parent.resolve() in top_level_directories(config):
            return
        for node in import_time_nodes(context.tree):
            if _binds_plugins(node):
                yield self.finding(
                    context,
                    getattr(node, "lineno", 1),
                    f"{NAME} in a non-top-level conftest: pytest rejects it when it collects "
                    "this directory from above (move it to the conftest.py at the rootdir, "
                    f"{config.rootdir})",
                )


def top_level_directories(config: PytestConfig) -> set[Path]:
    """Where pytest looks for initial conftests: each testpath (or the rootdir), its ``test*``
    subdirectories, and their parents up to the rootdir."""
    root = config.rootdir.resolve()
    anchors = [root / path for path in config.values("testpaths")] or [root]
    found = {root}
    for anchor in anchors:
        anchor = anchor.resolve()
        found |= {anchor, *(parent for parent in anchor.parents if parent.is_relative_to(root))}
        if anchor.is_dir():
            found |= {child for child in anchor.glob("test*") if child.is_dir()}
    return found


def _binds_plugins(node: ast.AST) -> bool:
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign | ast.AugAssign):
        targets = [node.target]
    return any(isinstance(target, ast.Name) and target.id == NAME for target in targets)
