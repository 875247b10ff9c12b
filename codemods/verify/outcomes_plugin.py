"""A pytest plugin that records, for the parent process, exactly what a run collected and how
each test ended; loaded in the child with ``-p codemods.verify.outcomes_plugin``.

We read pytest's own reports instead of parsing terminal output because the terminal format
varies with options and plugins, while reports are pytest's stable interface. The plugin is
inert unless ``CONFTEST_CODEMODS_OUTCOMES`` names a file, so loading it changes nothing else.

Under pytest-xdist the controller collects nothing itself: each worker records its items
(markers, fixture closures) and hands them back through ``workeroutput``; the controller
receives every test's reports, merges the items by node id and alone writes the file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from codemods.verify.peak import peak_rss_mb
from codemods.verify.results import OUTCOMES_ENV, SCHEMA_VERSION, Outcome

RECORDER_NAME = "conftest-codemods-outcome-recorder"
WORKER_ITEMS = "conftest_codemods_items"
"""The ``workeroutput`` key under which an xdist worker returns the items it collected."""


def pytest_configure(config: pytest.Config) -> None:
    destination = os.environ.get(OUTCOMES_ENV)
    if destination:
        recorder = OutcomeRecorder(Path(destination), config.rootpath, config)
        config.pluginmanager.register(recorder, RECORDER_NAME)


class OutcomeRecorder:
    """Collects items, collection errors and per-phase reports, and writes them at session end."""

    def __init__(self, destination: Path, rootdir: Path, config: pytest.Config) -> None:
        self._config = config
        self._worker = hasattr(config, "workerinput")
        self._destination = destination
        self._rootdir = str(rootdir)
        self._collect_only = bool(config.getoption("collectonly"))
        self._items: list[dict[str, Any]] = []
        self._errors: list[dict[str, str]] = []
        self._outcomes: dict[str, Outcome | None] = {}
        self._collection_rss: float | None = None

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            message = short_message(report).replace(self._rootdir, "<rootdir>")
            error = {"nodeid": self._portable(report.nodeid), "message": message}
            if error not in self._errors:  # every xdist worker reports the same error
                self._errors.append(error)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        # session.items is final here: after deselection and every modifyitems hook.
        self._collection_rss = peak_rss_mb()
        self._items = [
            {
                "nodeid": self._portable(item.nodeid),
                "markers": sorted(marker.name for marker in item.iter_markers()),
                "fixtures": sorted(getattr(item, "fixturenames", ())),
            }
            for item in session.items
        ]
        if self._worker:
            self._config.workeroutput[WORKER_ITEMS] = self._items  # type: ignore[attr-defined]

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: object) -> None:
        """An xdist worker ended: add the items it collected that no other worker reported."""
        known = {item["nodeid"] for item in self._items}
        for item in getattr(node, "workeroutput", {}).get(WORKER_ITEMS, ()):
            if item["nodeid"] not in known:
                known.add(item["nodeid"])
                self._items.append(item)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        nodeid = self._portable(report.nodeid)
        self._outcomes[nodeid] = fold_outcome(self._outcomes.get(nodeid), report)

    def _portable(self, nodeid: str) -> str:
        """The id with the rootdir spelled ``<rootdir>``: a parameter id made from a path
        (``__file__``, ``tmp_path``-like values) must not differ between two copies of a tree."""
        return nodeid.replace(self._rootdir, "<rootdir>")

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if self._worker:
            return  # the controller writes the one file
        payload = {
            "schema": SCHEMA_VERSION,
            "exit_status": int(exitstatus),
            "collect_only": self._collect_only,
            "items": [
                {**item, "outcome": self._outcomes.get(item["nodeid"])} for item in self._items
            ],
            "collection_errors": self._errors,
            "collection_peak_rss_mb": self._collection_rss,
        }
        # Write then rename: a child killed mid-write must look like "no JSON", never half a file.
        partial = self._destination.with_name(self._destination.name + ".partial")
        partial.write_text(json.dumps(payload, indent=1), encoding="utf-8")
        partial.replace(self._destination)


def fold_outcome(previous: Outcome | None, report: pytest.TestReport) -> Outcome | None:
    """Combine one phase's report with what the earlier phases of the same test gave.

    A failing setup or teardown makes the test an error, whatever the call did, as pytest's
    summary counts it. The xfail plugin turns an expected failure (in any phase) into a
    skip and an unexpected pass into a pass, marking both with ``wasxfail``; a strict xpass
    arrives as a plain failure.
    """
    if report.when == "teardown":
        return "error" if report.failed else previous
    if report.failed:
        return "error" if report.when == "setup" else "failed"
    expected_to_fail = hasattr(report, "wasxfail")
    if report.skipped:
        return "xfailed" if expected_to_fail else "skipped"
    if report.when == "call":
        return "xpassed" if expected_to_fail else "passed"
    return previous


def short_message(report: pytest.CollectReport) -> str:
    """The one line that says why a collector failed, like pytest's short summary."""
    crash = getattr(report.longrepr, "reprcrash", None)
    message = str(getattr(crash, "message", "") or "")
    lines = [line.strip() for line in (message or report.longreprtext).splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    # Import errors arrive as preformatted text whose last line is "E   Error: detail".
    line = lines[0] if message else lines[-1]
    return line[1:].strip() if line.startswith("E ") else line
