"""The warnings a module raises while it is imported, seen in the tests' interpreter, cached.

pytest imports the conftest before any test runs, so a ``DeprecationWarning`` raised by a heavy
import lands in the session's warning summary (or stops the run under ``-W error``). Deferring
that import moves the warning into the first test that uses the module, where ``recwarn``,
``pytest.warns`` or ``-W error`` see it: a changed outcome. Each module is imported alone in a
fresh interpreter (shared dependencies would hide each other's warnings), after ``pytest``, with
every warning shown. Figures are cached by interpreter and installed version, like the import
costs (``codemods.plan.import_cost``), so only a new or upgraded module costs a subprocess.

The same import says whether the module imports cleanly at all: an import guarded by
``try:``/``except ImportError`` may be deferred only then (an installed module whose own import
raises would otherwise fail at first use instead of in the handler). Failures are not cached:
installing what was missing must be seen at once.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field

from codemods.interpreter import Probe
from codemods.plan.import_cost import cache_dir, digest, load_cache, save_cache

CACHE_FORMAT = 1
_MARK = "@@conftest-codemods-warnings"
_FAILED = "@@conftest-codemods-import-failed"
_CHILD = f"""
import json, sys, warnings
try:
    import pytest  # what pytest itself loads is not the conftest's doing
except ImportError:
    pass
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        __import__(sys.argv[1])
    except BaseException as error:
        print("{_FAILED}", json.dumps(f"{{type(error).__name__}}: {{error}}"[:200]))
        raise SystemExit(1)
found = [f"{{w.category.__name__}}: {{str(w.message).splitlines()[0][:160]}}" for w in caught]
print("{_MARK}", json.dumps(found))
"""


@dataclass(frozen=True)
class ImportChecks:
    """What importing each installed module did in the tests' interpreter."""

    warnings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Module -> the warnings importing it raises (only modules that raise some)."""
    errors: dict[str, str] = field(default_factory=dict)
    """Module -> what importing it raised, empty when it imported cleanly. Modules not probed
    (not installed, or the import took too long) are absent."""


def import_checks(modules: Sequence[str], probe: Probe, *, timeout: float = 120.0) -> ImportChecks:
    """Import each of ``modules`` that ``probe`` found, alone, and record its warnings and
    whether it imported cleanly."""
    cache_file = cache_dir() / f"import-warnings-v{CACHE_FORMAT}-{digest(probe.interpreter)}.json"
    cached = load_cache(cache_file)
    found = ImportChecks()
    changed = False
    for module in dict.fromkeys(modules):
        if not probe.available(module) or module.partition(".")[0].startswith("conftest"):
            continue
        key = f"{module}@{probe.version(module)}"
        entry = cached.get(key)
        if entry is None:
            raised = _probe_one(module, probe, timeout)
            if raised is None:
                continue
            if isinstance(raised, str):
                found.errors[module] = raised
                continue
            cached[key] = {"warnings": list(raised)}
            changed = True
        else:
            value = entry.get("warnings", [])
            raised = tuple(str(text) for text in value) if isinstance(value, list) else ()
        found.errors[module] = ""
        if raised:
            found.warnings[module] = raised
    if changed:
        save_cache(cache_file, cached)
    return found


def _probe_one(module: str, probe: Probe, timeout: float) -> tuple[str, ...] | str | None:
    """The warnings of one import, what it raised when it failed, or ``None`` when it took too
    long or the child died before saying."""
    try:
        completed = subprocess.run(
            [probe.python, "-c", _CHILD, module],
            cwd=probe.root,
            env=probe.environment(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    for line in completed.stdout.splitlines():
        if line.startswith(_MARK):
            return tuple(json.loads(line.removeprefix(_MARK)))
        if line.startswith(_FAILED):
            return str(json.loads(line.removeprefix(_FAILED)))
    return None
