"""The plugin's switches: each a command-line option with an environment variable.

A command-line option wins over its environment variable; MB means 2**20 bytes.

===================================  ======================================  ====================
option                               environment variable                    effect
===================================  ======================================  ====================
``--memory-profile``                 ``PYTEST_MEMORY_PROFILE=1``             measure; table
``--memory-profile-backend=NAME``    ``PYTEST_MEMORY_PROFILE_BACKEND``       tracemalloc or rss
``--memory-report=PATH``             ``PYTEST_MEMORY_REPORT``                JSON; implies on
``--memory-limit-mb=MB``             ``PYTEST_MEMORY_LIMIT_MB``              fail a test over it
``--collection-limit-mb=MB``         ``PYTEST_COLLECTION_LIMIT_MB``          stop before tests
``--memory-gc-between-modules``      ``PYTEST_MEMORY_GC_BETWEEN_MODULES=1``  gc after a module
``--memory-skip-above-mb=MB``        ``PYTEST_MEMORY_SKIP_ABOVE_MB``         skip while over it
``--memory-module-threshold-mb=MB``  ``PYTEST_MEMORY_MODULE_THRESHOLD_MB``   [MEMORY] line (10)
``--memory-profile-top=N``           ``PYTEST_MEMORY_PROFILE_TOP``           table rows (20)
===================================  ======================================  ====================
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

__all__ = ["OPTIONS", "PARSER_GUARD", "Settings", "add_options"]

PARSER_GUARD = "_conftest_codemods_memory_options_added"
"""Set on the parser once the options are added. The same attribute as the vendored
``conftest_support.py`` of 0.1.0 checked, so a tree migrated then, whose conftest still calls
its ``register(pluginmanager)``, adds no option twice; a vendored shim checks it too."""


def add_options(parser: pytest.Parser) -> None:
    """Add the options once per parser, whoever else offers them."""
    if getattr(parser, PARSER_GUARD, False):
        return
    setattr(parser, PARSER_GUARD, True)
    group = parser.getgroup("memory-profile", "memory profile of fixtures (conftest-codemods)")
    for option in OPTIONS:
        help_text = f"{option.help} [env {option.env}]"
        if option.kind == "flag":
            group.addoption(
                option.flag, action="store_true", default=None, dest=option.dest, help=help_text
            )
        else:
            metavar = {"mb": "MB", "int": "N", "path": "PATH", "backend": "NAME"}[option.kind]
            group.addoption(
                option.flag, default=None, dest=option.dest, metavar=metavar, help=help_text
            )


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"", "0", "false", "no", "off"})
_BACKENDS = ("tracemalloc", "rss")


class _Option:
    """One switch: its command-line flag, its environment variable, and how to read it."""

    __slots__ = ("dest", "env", "flag", "help", "kind")

    def __init__(self, flag: str, env: str, kind: str, help: str) -> None:
        self.flag = flag
        self.env = env
        self.kind = kind
        """``flag``, ``mb`` (a positive number), ``int``, ``path`` or ``backend``."""
        self.help = help
        self.dest = "conftest_codemods_" + flag.lstrip("-").replace("-", "_")


OPTIONS = (
    _Option("--memory-profile", "PYTEST_MEMORY_PROFILE", "flag", "measure decorated fixtures"),
    _Option(
        "--memory-profile-backend",
        "PYTEST_MEMORY_PROFILE_BACKEND",
        "backend",
        "tracemalloc (default: exact Python allocations) or rss (resident memory)",
    ),
    _Option("--memory-report", "PYTEST_MEMORY_REPORT", "path", "write the figures as JSON"),
    _Option(
        "--memory-limit-mb",
        "PYTEST_MEMORY_LIMIT_MB",
        "mb",
        "fail a test after whose call RSS is over N MB, naming the fixtures that grew it",
    ),
    _Option(
        "--collection-limit-mb",
        "PYTEST_COLLECTION_LIMIT_MB",
        "mb",
        "stop before the first test if the RSS peak after collection is over N MB",
    ),
    _Option(
        "--memory-gc-between-modules",
        "PYTEST_MEMORY_GC_BETWEEN_MODULES",
        "flag",
        "run gc.collect() after the last test of each test module",
    ),
    _Option(
        "--memory-skip-above-mb",
        "PYTEST_MEMORY_SKIP_ABOVE_MB",
        "mb",
        "skip a test (after a gc.collect()) while RSS is over N MB",
    ),
    _Option(
        "--memory-module-threshold-mb",
        "PYTEST_MEMORY_MODULE_THRESHOLD_MB",
        "mb",
        "print a [MEMORY] line for a test module whose RSS rose by N MB or more (10)",
    ),
    _Option("--memory-profile-top", "PYTEST_MEMORY_PROFILE_TOP", "int", "table rows (20)"),
)
_BY_FLAG = {option.flag: option for option in OPTIONS}


class Settings:
    """What this run asked for, from the options and the environment."""

    def __init__(
        self,
        *,
        profile: bool,
        backend: str,
        report_path: Path | None,
        limit_mb: float | None,
        collection_limit_mb: float | None,
        gc_between_modules: bool,
        skip_above_mb: float | None,
        module_threshold_mb: float,
        top: int,
    ) -> None:
        self.profile = profile
        self.backend = backend
        self.report_path = report_path
        self.limit_mb = limit_mb
        self.collection_limit_mb = collection_limit_mb
        self.gc_between_modules = gc_between_modules
        self.skip_above_mb = skip_above_mb
        self.module_threshold_mb = module_threshold_mb
        self.top = top

    @property
    def recording(self) -> bool:
        """Decorated fixtures are measured: for the table, or to explain a limit failure."""
        return self.profile or self.limit_mb is not None

    @property
    def needed(self) -> bool:
        return (
            self.recording
            or self.collection_limit_mb is not None
            or self.gc_between_modules
            or self.skip_above_mb is not None
        )

    @classmethod
    def from_config(cls, config: pytest.Config) -> Settings:
        report = _setting(config, "--memory-report")
        report_path = None
        if report:
            report_path = config.invocation_params.dir / str(report)
        profile = bool(_setting(config, "--memory-profile")) or report_path is not None
        limit = _setting(config, "--memory-limit-mb")
        # A limit alone needs RSS only (to name fixtures); tracemalloc would slow the run.
        backend = _setting(config, "--memory-profile-backend") or (
            "tracemalloc" if profile or limit is None else "rss"
        )
        threshold = _setting(config, "--memory-module-threshold-mb")
        top = _setting(config, "--memory-profile-top")
        return cls(
            profile=profile,
            backend=str(backend),
            report_path=report_path,
            limit_mb=limit,
            collection_limit_mb=_setting(config, "--collection-limit-mb"),
            gc_between_modules=bool(_setting(config, "--memory-gc-between-modules")),
            skip_above_mb=_setting(config, "--memory-skip-above-mb"),
            module_threshold_mb=10.0 if threshold is None else float(threshold),
            top=20 if top is None else int(top),
        )


def _setting(config: pytest.Config, flag: str) -> Any:
    """The option's value if given on the command line, else its environment variable."""
    option = _BY_FLAG[flag]
    value = config.getoption(option.dest, None)
    source = option.flag
    if value is None:
        value = os.environ.get(option.env)
        source = option.env
        if value is None:
            return None
    return _parse(option, value, source)


def _parse(option: _Option, value: Any, source: str) -> Any:
    text = str(value).strip()
    if option.kind == "flag":
        if value is True or text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise pytest.UsageError(f"{source}={text!r}: expected 1/0, true/false, yes/no or on/off")
    if option.kind == "backend":
        if text.lower() not in _BACKENDS:
            raise pytest.UsageError(f"{source}={text!r}: expected tracemalloc or rss")
        return text.lower()
    if option.kind == "path":
        return text or None
    try:
        number = float(text) if option.kind == "mb" else int(text)
    except ValueError:
        raise pytest.UsageError(f"{source}={text!r}: expected a number") from None
    if number <= 0:
        raise pytest.UsageError(f"{source}={text!r}: expected a number above 0")
    return number
