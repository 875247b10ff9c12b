"""The two throw-away venvs the corpus runs in: ``full`` and ``bare``.

A conftest often behaves differently depending on what is installed: ``try: from
optional_plugin import cfg / except ImportError: HAVE = False`` binds ``cfg`` in one venv and
not in the other. A migration that is right only when the optional package is there loses
every test where it is not, so ``behaviour.py`` checks each package in both:

- ``full`` (``cache/venv-full``): the pinned wheels, pytest, hypothesis, pytest-asyncio, the
  undeclared test dependencies a target lists, and each package's own test extra (see
  ``extras.py``). Only binary wheels are installed, within a time limit; a requirement that
  cannot be installed so is skipped and recorded.
- ``bare`` (``cache/venv-bare``): the pinned wheels with their required dependencies, and
  pytest. No hypothesis, no pytest plugins, no optional test dependency.

Both venvs hold every target run so far (one venv per environment, not per package), so a
package may see another target's required dependencies (scikit-learn brings scipy). What each
venv held is measured after set-up (``Contents``) and written to ``RESULTS.md``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.corpus.extras import choose_extra, extra_requirements, wheel_metadata
from tests.corpus.fetch import CACHE

BATCH_TIMEOUT = 900.0
"""Seconds for one package's whole test extra; past it, its requirements are tried one by one."""
ONE_TIMEOUT = 300.0
"""Seconds for one requirement tried alone; past it, it is skipped."""
STAMP = "corpus-env.json"


@dataclass(frozen=True)
class Environment:
    name: str
    venv: Path
    base_requirements: tuple[str, ...]
    """Installed from the index with the wheels."""
    test_extras: bool
    """Whether each package's own test extra is installed."""
    summary: str

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"


FULL = Environment(
    "full",
    CACHE / "venv-full",
    ("pytest", "hypothesis", "pytest-asyncio"),
    True,
    "the pinned wheels, pytest, hypothesis, pytest-asyncio, the undeclared test dependencies "
    "listed per target in `behaviour.py`, and each package's own test extra from its METADATA",
)
BARE = Environment(
    "bare",
    CACHE / "venv-bare",
    ("pytest",),
    False,
    "the pinned wheels with their required dependencies, and pytest: no hypothesis, "
    "no pytest plugin, no optional test dependency",
)
ENVIRONMENTS = {env.name: env for env in (FULL, BARE)}


@dataclass
class ExtraInstall:
    """One package's test extra in the ``full`` venv."""

    extra: str | None
    requirements: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    """Requirement -> why it is not installed."""


@dataclass
class Contents:
    """What a venv held when the corpus ran in it."""

    environment: Environment
    distributions: int = 0
    pytest: str = ""
    plugins: list[str] = field(default_factory=list)
    """pytest11 entry points (pytest plugins loaded automatically)."""
    hypothesis: bool = False
    extras: dict[str, ExtraInstall] = field(default_factory=dict)


def ensure(
    env: Environment,
    wheels: Mapping[str, Path],
    requirements: Sequence[str],
    extras: Mapping[str, str | None],
) -> Contents:
    """Create or complete ``env``'s venv with ``wheels`` (distribution -> file).

    ``requirements`` are the targets' undeclared test dependencies (``full`` only);
    ``extras`` chooses each package's test extra (``None``: the first of ``TEST_EXTRAS``).
    Raises ``subprocess.CalledProcessError`` when the wheels themselves cannot be installed.
    """
    if not env.python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(env.venv)], check=True)
    extra = list(requirements) if env.test_extras else []
    subprocess.run(
        [*_pip(env), *map(str, wheels.values()), *env.base_requirements, *extra], check=True
    )
    contents = Contents(env)
    if env.test_extras:
        stamp_path = env.venv / STAMP
        stamp = json.loads(stamp_path.read_text()) if stamp_path.is_file() else {}
        constraints = _constraints(env, wheels)
        for distribution, wheel in wheels.items():
            metadata = wheel_metadata(wheel)
            name = choose_extra(metadata, extras.get(distribution))
            wanted = extra_requirements(metadata, name) if name else []
            recorded = stamp.get(distribution)
            if recorded and recorded["extra"] == name and recorded["requirements"] == wanted:
                contents.extras[distribution] = ExtraInstall(name, wanted, recorded["skipped"])
                continue
            print(f"{env.name}: installing {distribution}[{name}] ...", file=sys.stderr)
            skipped = _install(env, wanted, constraints)
            contents.extras[distribution] = ExtraInstall(name, wanted, skipped)
            stamp[distribution] = {"extra": name, "requirements": wanted, "skipped": skipped}
            stamp_path.write_text(json.dumps(stamp, indent=1, sort_keys=True))
    _measure(contents)
    return contents


def _pip(env: Environment) -> list[str]:
    return [str(env.python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]


def _constraints(env: Environment, wheels: Mapping[str, Path]) -> Path:
    """Keep the pinned wheels and pytest where they are while test extras are installed."""
    pins = [f"{name}=={version_of(env, name)}" for name in (*wheels, "pytest")]
    path = env.venv / "corpus-constraints.txt"
    path.write_text("\n".join(pins) + "\n")
    return path


def _install(env: Environment, requirements: Sequence[str], constraints: Path) -> dict[str, str]:
    """Install binary wheels of ``requirements``; return the skipped ones with the reason."""
    if not requirements:
        return {}
    command = [*_pip(env), "--only-binary=:all:", "-c", str(constraints)]
    if _attempt([*command, *requirements], BATCH_TIMEOUT) is None:
        return {}
    skipped = {}
    for requirement in requirements:
        reason = _attempt([*command, requirement], ONE_TIMEOUT)
        if reason is not None:
            skipped[requirement] = reason
    return skipped


def _attempt(command: list[str], timeout: float) -> str | None:
    """Run pip; ``None`` on success, else a one-line reason."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"not installed within {timeout:g} s"
    if done.returncode == 0:
        return None
    errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR:")]
    return (errors or done.stderr.strip().splitlines() or ["pip failed"])[0][:200]


def version_of(env: Environment, distribution: str) -> str:
    """The version of ``distribution`` installed in the venv."""
    return ask(env, f"import importlib.metadata as m; print(m.version({distribution!r}))")


def _measure(contents: Contents) -> None:
    """Fill in what the venv holds, asked of its own interpreter."""
    probe = (
        "import importlib.metadata as m, importlib.util as u, json\n"
        "print(json.dumps({\n"
        "  'distributions': len({(d.metadata['Name'] or '').lower()\n"
        "                        for d in m.distributions()}),\n"
        "  'pytest': m.version('pytest'),\n"
        "  'plugins': sorted({e.dist.metadata['Name']\n"
        "                     for e in m.entry_points(group='pytest11')}),\n"
        "  'hypothesis': u.find_spec('hypothesis') is not None,\n"
        "}))\n"
    )
    data = json.loads(ask(contents.environment, probe))
    contents.distributions = data["distributions"]
    contents.pytest = data["pytest"]
    contents.plugins = data["plugins"]
    contents.hypothesis = data["hypothesis"]


def ask(env: Environment, code: str) -> str:
    """Run ``code`` with the venv's interpreter; its standard output, stripped."""
    done = subprocess.run([str(env.python), "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()
