"""The warnings a module raises while it is imported, seen in the tests' interpreter, cached.

pytest imports the conftest before any test runs, so a ``DeprecationWarning`` raised by a heavy
import lands in the session's warning summary (or stops the run under ``-W error``). Deferring
that import moves the warning into the first test that uses the module, where ``recwarn``,
``pytest.warns`` or ``-W error`` see it: a changed outcome. Each module is imported alone in a
fresh interpreter (shared dependencies would hide each other's warnings), after ``pytest``, with
every warning shown. Figures are cached by interpreter and installed version, like the import
costs (``codemods.plan.import_cost``), so only a new or upgraded module costs a subprocess.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence

from codemods.interpreter import Probe
from codemods.plan.import_cost import cache_dir, digest, load_cache, save_cache

CACHE_FORMAT = 1
_MARK = "@@conftest-codemods-warnings"
_CHILD = f"""
import json, sys, warnings
try:
    import pytest  # what pytest itself loads is not the conftest's doing
except ImportError:
    pass
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    __import__(sys.argv[1])
found = [f"{{w.category.__name__}}: {{str(w.message).splitlines()[0][:160]}}" for w in caught]
print("{_MARK}", json.dumps(found))
"""


def import_warnings(
    modules: Sequence[str], probe: Probe, *, timeout: float = 120.0
) -> dict[str, tuple[str, ...]]:
    """Module -> the warnings importing it raises (only modules that raise some are listed).
    A module that cannot be imported is left out: deferring it is refused for that reason."""
    cache_file = cache_dir() / f"import-warnings-v{CACHE_FORMAT}-{digest(probe.interpreter)}.json"
    cached = load_cache(cache_file)
    found: dict[str, tuple[str, ...]] = {}
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
            cached[key] = {"warnings": list(raised)}
            changed = True
        else:
            value = entry.get("warnings", [])
            raised = tuple(str(text) for text in value) if isinstance(value, list) else ()
        if raised:
            found[module] = raised
    if changed:
        save_cache(cache_file, cached)
    return found


def _probe_one(module: str, probe: Probe, timeout: float) -> tuple[str, ...] | None:
    """The warnings of one import; ``None`` when the import failed or took too long."""
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
    return None
