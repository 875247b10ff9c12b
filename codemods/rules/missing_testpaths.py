"""CC011: The pytest configuration sets no ``testpaths``.

Without it a bare ``pytest`` walks the whole rootdir (virtualenvs, examples, build output),
imports every conftest it meets, and which conftests are "top level" depends on the invocation.
The orchestrator's path-based gating also reads the paths pytest is given.

Add ``testpaths = ["tests"]`` (your test directories) to the pytest configuration so a bare
``pytest`` collects only them. Opt-in: enable with ``extend-select = ["CC011"]``.
"""

from __future__ import annotations

from collections.abc import Iterator

from codemods.rule_base.context import FileContext
from codemods.rule_base.examples import Invalid, Valid
from codemods.rule_base.rule import Finding, Rule


class MissingTestpaths(Rule):
    code = "CC011"
    name = "missing-testpaths"
    level = "warning"
    default = False

    INVALID = (
        Invalid(
            {
                "pyproject.toml": '[tool.pytest.ini_options]\naddopts = "-ra"\n',
                "tests/conftest.py": "import pytest\n",
            }
        ),
    )
    VALID = (
        Valid(
            {
                "pyproject.toml": """\
[tool.pytest.ini_options]
addopts = "-ra"
testpaths = ["tests"]
""",
                "tests/conftest.py": "import pytest\n",
            }
        ),
    )

    def check(self, context: FileContext) -> Iterator[Finding]:
        config = context.group.pytest_config
        if config is not None and "testpaths" not in config.options:
            yield Finding(
                config.path,
                config.line,
                1,
                self.code,
                "the pytest configuration sets no testpaths: a bare `pytest` collects the "
                "whole rootdir",
            )
