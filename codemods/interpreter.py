"""Ask the test environment's interpreter which modules it can find, and at what version.

One subprocess answers for every module at once, without importing any of them (only
``importlib.util.find_spec`` on the top-level package): deciding whether deferring an import is
safe needs to know whether it is installed *where the tests run*, and the measurement cache needs
the installed version (the file's mtime for the project's own modules).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from codemods.errors import InputError

_CHILD = """
import importlib.util, json, os, sys
request = json.loads(sys.stdin.read())
names, versions = request["modules"], request["versions"]
if versions:  # importing importlib.metadata alone costs the child 0.08 s
    import importlib.metadata
    dists = importlib.metadata.packages_distributions()
out = {}
for name in names:
    top = name.partition(".")[0]
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        spec = None
    version = ""
    if spec is not None and versions:
        if top in sys.stdlib_module_names or top in sys.builtin_module_names:
            version = "python"
        elif dists.get(top):
            dist = dists[top][0]
            version = f"{dist}-{importlib.metadata.version(dist)}"
        elif spec.origin and os.path.exists(spec.origin):
            version = f"mtime-{os.stat(spec.origin).st_mtime_ns}"
    out[name] = {"found": spec is not None, "version": version}
print(json.dumps({"interpreter": sys.executable + " " + sys.version, "modules": out}))
"""


@dataclass(frozen=True)
class Interpreter:
    """The interpreter asked about the tests' environment, and how it was chosen."""

    path: str
    origin: str
    """``--python``, ``VIRTUAL_ENV``, ``.venv`` or ``this interpreter`` (the tool's own)."""

    def describe(self) -> str:
        return f"{self.path} ({self.origin})"


def find_interpreter(
    root: Path, python: str | None = None, environ: Mapping[str, str] | None = None
) -> Interpreter:
    """The interpreter the tests run with, as a ruff or black user would expect it found when
    the tool is installed with pipx or in a venv of its own: ``python`` (``--python``) if given,
    else the active virtualenv's (``VIRTUAL_ENV``), else ``root/.venv`` (the project root's), else
    the interpreter running the tool. A venv path is used as it is, never resolved: a venv's
    ``python`` is a symlink to the base interpreter, which does not see the venv's packages."""
    if python:
        return Interpreter(python, "--python")
    active = (os.environ if environ is None else environ).get("VIRTUAL_ENV", "")
    if active and (found := venv_python(Path(active))) is not None:
        return Interpreter(str(found), "VIRTUAL_ENV")
    if (found := venv_python(root / ".venv")) is not None:
        return Interpreter(str(found), ".venv")
    return Interpreter(sys.executable, "this interpreter")


def venv_python(venv: Path) -> Path | None:
    """The interpreter of the virtual environment at ``venv``, if there is one."""
    for candidate in (venv / "bin" / "python", venv / "Scripts" / "python.exe"):
        if candidate.is_file() and (venv / "pyvenv.cfg").is_file():
            return candidate
    return None


def import_base(conftest: Path) -> Path:
    """The directory pytest (``--import-mode=prepend``, its default) puts on ``sys.path`` to
    import ``conftest``: its own directory, or, inside a package, the directory above the
    outermost ``__init__.py``. Never the package directory itself: its subpackages would shadow
    the standard library (numpy's ``random`` and ``typing``)."""
    directory = conftest.parent.resolve()
    if not (directory / "__init__.py").is_file():
        return directory
    while (directory.parent / "__init__.py").is_file() and directory.parent != directory:
        directory = directory.parent
    return directory.parent


@dataclass(frozen=True)
class Probe:
    python: str
    root: Path
    """Where the subprocesses run (the project root, pytest's rootdir)."""
    paths: tuple[Path, ...]
    """Prepended to ``PYTHONPATH`` (``import_base`` of the conftest, as pytest inserts it)."""
    interpreter: str = ""
    """What the child reported (its ``sys.executable`` and version); empty when none ran."""
    found: dict[str, bool] = field(default_factory=dict)
    versions: dict[str, str] | None = None
    """Module -> installed version, when the probe was asked for them (``run_probe``)."""
    origin: str = "--python"
    """How ``python`` was chosen (``find_interpreter``)."""

    @property
    def asked(self) -> Interpreter | None:
        """The interpreter that answered, or ``None`` when no subprocess was needed."""
        return Interpreter(self.python, self.origin) if self.interpreter else None

    def available(self, module: str) -> bool:
        return self.found.get(module, False)

    def version(self, module: str) -> str:
        if self.versions is None:
            raise ValueError("this probe was run without versions=True")
        return self.versions.get(module, "")

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        extra = os.pathsep.join(str(path) for path in self.paths)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [extra, env.get("PYTHONPATH", "")]))
        env.pop("PYTHONSTARTUP", None)
        return env


def run_probe(
    python: str,
    root: Path,
    paths: Sequence[Path],
    modules: Sequence[str],
    *,
    origin: str = "--python",
    versions: bool = False,
) -> Probe:
    """Find ``modules`` with ``python`` run from ``root`` (no subprocess when there are none:
    ``migrate`` asks only about heavy imports, and most conftests have none).

    ``versions`` (for the measurement cache) costs the child a scan of every installed
    distribution, about 0.13 s in a large environment: more than the rest of the probe."""
    probe = Probe(python, root, tuple(paths), versions={} if versions else None, origin=origin)
    absolute = sorted({name for name in modules if not name.startswith(".")})
    if not absolute:
        return probe
    try:
        completed = subprocess.run(
            [python, "-c", _CHILD],
            input=json.dumps({"modules": absolute, "versions": versions}),
            cwd=root,
            env=probe.environment(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise InputError(
            python, f"cannot run the interpreter ({origin}): {error}", "pass a working --python"
        ) from None
    if completed.returncode != 0:
        lines = [line.strip() for line in completed.stderr.splitlines() if line.strip()]
        why = f": {lines[-1][:200]}" if lines else ""
        raise InputError(
            python, f"the interpreter probe failed ({origin}){why}", "pass a working --python"
        )
    data = json.loads(completed.stdout)
    modules_data = data["modules"]
    return Probe(
        python,
        root,
        tuple(paths),
        data["interpreter"],
        {name: bool(info["found"]) for name, info in modules_data.items()},
        {name: str(info["version"]) for name, info in modules_data.items()} if versions else None,
        origin,
    )
