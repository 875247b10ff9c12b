"""Run pytest on a project tree in a child process and bring back a ``SuiteResult``.

A child process, not ``pytest.main``, because conftests mutate ``sys.modules``, ``sys.path``
and global state: two in-process runs on a "before" and an "after" tree would contaminate
each other. The environment is cleaned of pytest variables from the caller's shell (or from
the pytest run that is calling us) so both runs see the same configuration.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import codemods
from codemods.verify.results import OUTCOMES_ENV, SuiteResult, suite_from_json

PLUGIN = "codemods.verify.outcomes_plugin"
REMOVED_VARIABLES = ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTEST_CURRENT_TEST", "PYTEST_VERSION")
OUTPUT_TAIL_LINES = 40


class PytestRunError(RuntimeError):
    """pytest ended without reporting results: it crashed, hit a usage error or timed out.

    The message ends with the tail of the child's output, which is where the reason is.
    """

    def __init__(self, project: Path, what: str, output: str) -> None:
        tail = "\n".join(output.rstrip().splitlines()[-OUTPUT_TAIL_LINES:])
        super().__init__(f"pytest in {project}: {what}\n--- last lines of its output ---\n{tail}")
        self.project = project
        self.what = what
        self.output = output


def run_pytest(
    project: Path,
    args: Sequence[str] = (),
    env: Mapping[str, str | None] | None = None,
    collect_only: bool = False,
    timeout: float = 600.0,
    python: str | None = None,
) -> SuiteResult:
    """Run ``python -m pytest -q [--collect-only] *args`` with ``project`` as the cwd.

    ``env`` is layered over a copy of ``os.environ``; a value of ``None`` removes the
    variable, so a "default" run stays default whatever the caller's shell exports.
    ``python`` is the interpreter (default: ours), for a project whose dependencies live in
    another environment.
    """
    project = Path(project).resolve()
    python = python or sys.executable
    with tempfile.TemporaryDirectory(prefix="conftest-codemods-verify-") as scratch:
        outcomes = Path(scratch) / "outcomes.json"
        child_env = child_environment(project, env, outcomes, python)
        command = [python, "-m", "pytest", "-p", PLUGIN, "-p", "no:cacheprovider", "-q"]
        if collect_only:
            command.append("--collect-only")
        command.extend(args)
        returncode, output = _run(command, project, child_env, timeout)
        if not outcomes.is_file():
            raise PytestRunError(
                project, f"exited with code {returncode} without reporting results", output
            )
        data = json.loads(outcomes.read_text(encoding="utf-8"))
    try:
        return suite_from_json(data, project=project, returncode=returncode, output=output)
    except (KeyError, TypeError, ValueError) as error:
        raise PytestRunError(project, f"unreadable results: {error}", output) from error


def child_environment(
    project: Path,
    env: Mapping[str, str | None] | None,
    outcomes: Path,
    python: str | None = None,
) -> dict[str, str]:
    """``os.environ`` minus pytest's own variables, plus ``env`` and what the plugin needs."""
    result = {k: v for k, v in os.environ.items() if k not in REMOVED_VARIABLES}
    result["PYTHONDONTWRITEBYTECODE"] = "1"
    for name, value in (env or {}).items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = value
    if not _plugin_importable(project, result, python or sys.executable):
        # Only then: the source root may hold other top-level names (a ``tests`` package)
        # that would shadow the project's own modules.
        source_root = str(Path(codemods.__file__).resolve().parent.parent)
        existing = result.get("PYTHONPATH")
        result["PYTHONPATH"] = os.pathsep.join(filter(None, [existing, source_root]))
    result[OUTCOMES_ENV] = str(outcomes)
    return result


def _plugin_importable(project: Path, env: Mapping[str, str], python: str) -> bool:
    """Ask the child's interpreter, in the child's cwd and environment, whether it finds us."""
    return _finds(PLUGIN, project, env, python)


def interpreter_has(module: str, project: Path, python: str | None = None) -> bool:
    """Whether the interpreter the tests run with (default: ours) finds ``module`` from
    ``project`` (``xdist``: may the run level spread the tests over workers?)."""
    return _finds(module, project, dict(os.environ), python or sys.executable)


def _finds(module: str, project: Path, env: Mapping[str, str], python: str) -> bool:
    probe = (
        "import importlib.util, sys\n"
        "try:\n"
        f"    found = importlib.util.find_spec({module!r}) is not None\n"
        "except ImportError:\n"
        "    found = False\n"
        "sys.exit(0 if found else 1)\n"
    )
    completed = subprocess.run(
        [python, "-c", probe],
        cwd=project,
        env=dict(env),
        capture_output=True,
        timeout=60,
        check=False,
    )
    return completed.returncode == 0


def _run(
    command: Sequence[str], cwd: Path, env: Mapping[str, str], timeout: float
) -> tuple[int, str]:
    """Run to completion; on timeout kill the child's whole process group, then raise."""
    with subprocess.Popen(
        command,
        cwd=cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,
    ) as process:
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            output, _ = process.communicate()
            raise PytestRunError(cwd, f"timed out after {timeout:g} s", output) from None
    return process.returncode, output


def _kill_group(process: subprocess.Popen[str]) -> None:
    # Tests may start their own children; killing only pytest would leave them holding
    # our pipes open, and communicate() would wait for them.
    if sys.platform == "win32":
        process.kill()
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
