"""A wheel's own optional test dependencies, read from its ``METADATA``.

The corpus runs each package's tests twice: once with the test dependencies the package
declares (``Provides-Extra: test`` and the ``Requires-Dist: ...; extra == "test"`` lines), and
once with none of them. A conftest that binds names in ``try: import optional_plugin / except
ImportError:`` behaves differently in the two, so a migration must be checked in both.

Packages name that extra differently (``test``, ``tests``, ``testing``, ``test-extras``) and
often make it pull other extras of themselves (sunpy's ``tests`` is ``sunpy[all,asdf-tests,s3,
tests-only]``), so the extra is chosen by name (or given in ``manifest.toml``) and expanded
recursively. Markers are evaluated for the running interpreter, which is the one the corpus
venvs are created with. Uses ``packaging`` (a dependency of pytest).
"""

from __future__ import annotations

import email.parser
import zipfile
from email.message import Message
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

TEST_EXTRAS = ("test", "tests", "testing", "test-extras")
"""Names tried, in order, when the manifest does not choose the extra."""


def wheel_metadata(wheel: Path) -> Message:
    """The ``*.dist-info/METADATA`` of ``wheel``."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(
            n for n in archive.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA")
        )
        text = archive.read(name).decode("utf-8")
    return email.parser.Parser().parsestr(text, headersonly=True)


def choose_extra(metadata: Message, preferred: str | None = None) -> str | None:
    """``preferred`` if given (it must exist), else the first of ``TEST_EXTRAS`` provided."""
    provided = {canonicalize_name(extra): extra for extra in metadata.get_all("Provides-Extra", [])}
    if preferred is not None:
        if canonicalize_name(preferred) not in provided:
            raise ValueError(
                f"{metadata['Name']} has no extra {preferred!r} (it has {sorted(provided)})"
            )
        return provided[canonicalize_name(preferred)]
    return next((provided[n] for n in map(canonicalize_name, TEST_EXTRAS) if n in provided), None)


def extra_requirements(metadata: Message, extra: str) -> list[str]:
    """Requirements ``extra`` adds for this interpreter, self-referencing extras expanded.

    Returned without their markers (already evaluated), each once.
    """
    own = canonicalize_name(metadata["Name"])
    declared = [Requirement(line) for line in metadata.get_all("Requires-Dist", [])]
    result: list[str] = []
    pending, seen = [canonicalize_name(extra)], set()
    while pending:
        current = pending.pop(0)
        if current in seen:
            continue
        seen.add(current)
        for requirement in declared:
            marker = requirement.marker
            if marker is None or not marker.evaluate({"extra": current}):
                continue
            if marker.evaluate({"extra": ""}):
                continue  # not specific to an extra: installed with the wheel itself
            if canonicalize_name(requirement.name) == own:
                pending.extend(canonicalize_name(e) for e in sorted(requirement.extras))
                continue
            unmarked = Requirement(str(requirement))
            unmarked.marker = None
            if str(unmarked) not in result:
                result.append(str(unmarked))
    return result
