"""Download the pinned corpus artifacts and extract every ``conftest.py`` they ship.

The corpus is a set of real conftest files from public packages (pandas, mne, astropy, ...)
that the corpus tests migrate to check that the tool copes with code nobody wrote for it.
The artifacts are pinned in ``tests/corpus/manifest.toml`` (name, version, file, sha256).

Usage::

    python tests/corpus/fetch.py                   # everything in the manifest
    python tests/corpus/fetch.py --only pandas     # one package (repeatable)
    python tests/corpus/fetch.py --offline         # use the cache only, never the network

For each package it:

1. downloads the artifact from the package index (PyPI by default; the file's URL is looked up
   through the index's JSON simple API, PEP 691) into ``tests/corpus/cache/artifacts/``,
   unless a copy with the right sha256 is already there;
2. checks its sha256 (and the index's published hash) against the manifest, and refuses it on
   any mismatch;
3. extracts every member named ``conftest.py`` to
   ``tests/corpus/cache/conftests/<package>/<path inside the archive>``, byte for byte.

A package whose conftests were already extracted from the same artifact (recorded in
``cache/conftests/<package>/.extracted.json``) is skipped entirely, so a second run does no
network access and writes nothing. At the end it prints one row per conftest: package,
version, file, lines and a rough count of fixture decorators.

The script uses only the standard library (``tomllib``; on Python 3.10 it falls back to
``tomli``, which the project already depends on there). Exit status: 0 on success, 1 if any
package failed (the others are still processed), 2 on a bad command line or manifest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from http.client import HTTPResponse
from pathlib import Path, PurePosixPath
from typing import IO, TypeVar

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.toml"
CACHE = HERE / "cache"
DEFAULT_INDEX = "https://pypi.org/simple"
MARKER = ".extracted.json"
CHUNK = 1 << 20
RETRIES = 3

# Rough on purpose (the table is informational): decorator lines whose last dotted name is
# ``fixture`` or ``yield_fixture``: @pytest.fixture, @pytest.fixture(...), @fixture,
# @pytest_asyncio.fixture, ...
FIXTURE_RE = re.compile(r"^[ \t]*@[\w.]*\b(?:yield_)?fixture\b", re.MULTILINE)


class CorpusError(Exception):
    """A package could not be fetched, verified or extracted."""


@dataclass(frozen=True)
class Artifact:
    """One pinned entry of the manifest."""

    name: str
    version: str
    filename: str
    kind: str  # "wheel" or "sdist"
    sha256: str
    size: int | None = None
    license: str | None = None
    test_extra: str | None = None
    """The extra holding the package's test dependencies, when not the first of
    ``extras.TEST_EXTRAS`` it provides (used by ``behaviour.py``'s ``full`` venv)."""

    @property
    def project(self) -> str:
        """The normalized project name (PEP 503), as used in index URLs."""
        return re.sub(r"[-_.]+", "-", self.name).lower()


@dataclass(frozen=True)
class Conftest:
    """One extracted conftest file."""

    package: str
    version: str
    member: str  # path inside the archive, POSIX separators
    path: Path  # where it was extracted

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8", errors="replace")

    @property
    def lines(self) -> int:
        return len(self.text.splitlines())

    @property
    def fixtures(self) -> int:
        return count_fixtures(self.text)


def count_fixtures(source: str) -> int:
    """Count fixture-decorator lines in ``source`` (a rough, regex-based estimate)."""
    return len(FIXTURE_RE.findall(source))


def load_manifest(path: Path = MANIFEST) -> list[Artifact]:
    """Read and validate the manifest; raise ``ValueError`` on a malformed entry."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    entries = data.get("package")
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{path}: no [[package]] entries")
    artifacts: list[Artifact] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries, 1):
        where = f"{path}: [[package]] #{i}"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: not a table")
        kinds = [k for k in ("wheel", "sdist") if k in entry]
        if len(kinds) != 1:
            raise ValueError(f"{where}: needs exactly one of `wheel` or `sdist`")
        kind = kinds[0]
        for key in ("name", "version", kind, "sha256"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise ValueError(f"{where}: `{key}` must be a non-empty string")
        sha = entry["sha256"].lower()
        if not re.fullmatch(r"[0-9a-f]{64}", sha):
            raise ValueError(f"{where}: `sha256` must be 64 hex digits")
        filename = entry[kind]
        if "/" in filename or "\\" in filename or filename.startswith("."):
            raise ValueError(f"{where}: `{kind}` must be a bare file name")
        size = entry.get("size")
        if size is not None and (not isinstance(size, int) or size <= 0):
            raise ValueError(f"{where}: `size` must be a positive integer")
        license_ = entry.get("license")
        test_extra = entry.get("test_extra")
        if test_extra is not None and (not isinstance(test_extra, str) or not test_extra):
            raise ValueError(f"{where}: `test_extra` must be a non-empty string")
        art = Artifact(
            name=entry["name"],
            version=entry["version"],
            filename=filename,
            kind=kind,
            sha256=sha,
            size=size,
            license=license_ if isinstance(license_, str) else None,
            test_extra=test_extra,
        )
        if art.name in seen:
            raise ValueError(f"{where}: package {art.name!r} listed twice")
        seen.add(art.name)
        artifacts.append(art)
    return artifacts


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


T = TypeVar("T")


def _urlopen(url: str, accept: str | None = None, timeout: float = 120) -> HTTPResponse:
    headers = {"User-Agent": "conftest-codemods-corpus/1 (+urllib)"}
    if accept:
        headers["Accept"] = accept
    request = urllib.request.Request(url, headers=headers)
    response: HTTPResponse = urllib.request.urlopen(request, timeout=timeout)
    return response


def _with_retries(what: str, action: Callable[[], T]) -> T:
    """Run ``action``, retrying transient network errors (5xx, timeouts) with backoff."""
    delay = 2.0
    for attempt in range(1, RETRIES + 1):
        try:
            return action()
        except urllib.error.HTTPError as exc:
            if exc.code < 500 or attempt == RETRIES:
                raise CorpusError(f"{what}: HTTP {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            if attempt == RETRIES:
                raise CorpusError(f"{what}: {exc}") from exc
        time.sleep(delay)
        delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def resolve_url(art: Artifact, index_url: str) -> str:
    """Find the artifact's download URL through the index's JSON simple API (PEP 691)."""
    page = f"{index_url.rstrip('/')}/{art.project}/"

    def get() -> object:
        with _urlopen(page, accept="application/vnd.pypi.simple.v1+json") as resp:
            return json.load(resp)

    data = _with_retries(f"{art.name}: index lookup {page}", get)
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        raise CorpusError(f"{art.name}: {page} did not answer with a PEP 691 JSON file list")
    for entry in files:
        if not isinstance(entry, dict):
            continue
        if entry.get("filename") != art.filename:
            continue
        published = str(entry.get("hashes", {}).get("sha256", "")).lower()
        if published and published != art.sha256:
            raise CorpusError(
                f"{art.name}: the index publishes sha256 {published} for {art.filename}, "
                f"the manifest pins {art.sha256} (fix the manifest or investigate)"
            )
        return urllib.parse.urljoin(page, str(entry["url"]))
    raise CorpusError(f"{art.name}: {art.filename} is not listed at {page}")


def download(art: Artifact, dest: Path, index_url: str) -> None:
    """Download ``art`` to ``dest`` (atomically), verifying its sha256 on the way."""
    url = resolve_url(art, index_url)
    dest.parent.mkdir(parents=True, exist_ok=True)

    def get() -> None:
        digest = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{art.filename}.", dir=dest.parent)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out, _urlopen(url) as resp:
                for block in iter(lambda: resp.read(CHUNK), b""):
                    digest.update(block)
                    out.write(block)
            if digest.hexdigest() != art.sha256:
                raise CorpusError(
                    f"{art.name}: downloaded {art.filename} has sha256 {digest.hexdigest()}, "
                    f"expected {art.sha256}"
                )
            tmp.replace(dest)
        finally:
            tmp.unlink(missing_ok=True)

    _with_retries(f"{art.name}: download {url}", get)


def ensure_artifact(art: Artifact, cache: Path, index_url: str, offline: bool) -> Path:
    """Return the verified artifact in the cache, downloading it if needed."""
    path = cache / "artifacts" / art.filename
    if path.is_file():
        if sha256_of(path) == art.sha256:
            return path
        print(
            f"{art.name}: cached {art.filename} has a wrong sha256, fetching again", file=sys.stderr
        )
        path.unlink()
    if offline:
        raise CorpusError(f"{art.name}: {art.filename} is not in {path.parent} (--offline)")
    print(f"{art.name}: downloading {art.filename} ...", file=sys.stderr)
    download(art, path, index_url)
    return path


def _safe_member(name: str) -> PurePosixPath | None:
    """The archive member's relative path, or None if it would escape the target dir."""
    rel = PurePosixPath(name)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        return None
    return rel


def _iter_conftests(archive: Path) -> Iterator[tuple[str, IO[bytes]]]:
    """Yield (member name, readable stream) for every conftest.py in a wheel/zip or tarball."""
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                if not info.is_dir() and PurePosixPath(info.filename).name == "conftest.py":
                    with zf.open(info) as fh:
                        yield info.filename, fh
        return
    if tarfile.is_tarfile(archive):
        with tarfile.open(archive) as tf:
            for member in tf:
                if member.isfile() and PurePosixPath(member.name).name == "conftest.py":
                    stream = tf.extractfile(member)
                    if stream is not None:
                        with stream:
                            yield member.name, stream
        return
    raise CorpusError(f"{archive.name}: neither a zip/wheel nor a tar archive")


def _read_marker(target: Path, art: Artifact) -> list[str] | None:
    """Members recorded by a previous extraction of this same artifact, if all still exist."""
    try:
        data = json.loads((target / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("sha256") != art.sha256:
        return None
    members = data.get("members")
    if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
        return None
    if not all((target / m).is_file() for m in members):
        return None
    return members


def extract(art: Artifact, cache: Path, index_url: str, offline: bool, force: bool) -> list[str]:
    """Make ``cache/conftests/<package>/`` hold this artifact's conftests; return the members.

    Returns immediately (no download) when a previous run extracted the same artifact.
    """
    target = cache / "conftests" / art.name
    if not force:
        members = _read_marker(target, art)
        if members is not None:
            return members
    archive = ensure_artifact(art, cache, index_url, offline)
    # Extract next to the target, then swap, so an interrupted run never leaves a half tree.
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{art.name}.", dir=target.parent))
    try:
        members = []
        for name, stream in _iter_conftests(archive):
            rel = _safe_member(name)
            if rel is None:
                raise CorpusError(f"{art.name}: unsafe member path {name!r} in {art.filename}")
            out = staging.joinpath(*rel.parts)
            out.parent.mkdir(parents=True, exist_ok=True)
            with out.open("wb") as fh:
                shutil.copyfileobj(stream, fh)
            members.append(rel.as_posix())
        if not members:
            raise CorpusError(f"{art.name}: {art.filename} contains no conftest.py")
        members.sort()
        marker = {
            "name": art.name,
            "version": art.version,
            "artifact": art.filename,
            "sha256": art.sha256,
            "members": members,
        }
        (staging / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        staging.replace(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return members


def collect(artifacts: Sequence[Artifact], cache: Path = CACHE) -> list[Conftest]:
    """The already-extracted conftests of ``artifacts`` (for tests; never downloads)."""
    found: list[Conftest] = []
    for art in artifacts:
        target = cache / "conftests" / art.name
        for member in _read_marker(target, art) or []:
            found.append(Conftest(art.name, art.version, member, target / member))
    return found


def format_table(conftests: Sequence[Conftest]) -> str:
    """One row per conftest plus a per-package summary, as plain aligned text."""
    rows = [("package", "version", "file", "lines", "fixtures")]
    per_package: dict[str, list[Conftest]] = {}
    for c in conftests:
        rows.append((c.package, c.version, c.member, str(c.lines), str(c.fixtures)))
        per_package.setdefault(c.package, []).append(c)
    total_lines = sum(c.lines for c in conftests)
    total_fixtures = sum(c.fixtures for c in conftests)
    rows.append(("TOTAL", "", f"{len(conftests)} files", str(total_lines), str(total_fixtures)))

    summary = [("package", "version", "conftests", "lines", "fixtures", "largest (lines/fixtures)")]
    for name, items in per_package.items():
        big = max(items, key=lambda c: c.lines)
        summary.append(
            (
                name,
                items[0].version,
                str(len(items)),
                str(sum(c.lines for c in items)),
                str(sum(c.fixtures for c in items)),
                f"{big.member} ({big.lines}/{big.fixtures})",
            )
        )
    return _align(rows, numeric={3, 4}) + "\n\n" + _align(summary, numeric={2, 3, 4})


def _align(rows: Sequence[Sequence[str]], numeric: set[int]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            cell.rjust(w) if i in numeric else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--manifest", type=Path, default=MANIFEST, help="default: %(default)s")
    parser.add_argument("--cache", type=Path, default=CACHE, help="default: %(default)s")
    parser.add_argument(
        "--only", action="append", metavar="NAME", help="fetch only this package (repeatable)"
    )
    parser.add_argument(
        "--index-url",
        default=os.environ.get("CORPUS_INDEX_URL", DEFAULT_INDEX),
        help="PEP 691 simple index to resolve file URLs (default: %(default)s; env "
        "CORPUS_INDEX_URL)",
    )
    parser.add_argument("--offline", action="store_true", help="never use the network")
    parser.add_argument("--force", action="store_true", help="re-extract even if already extracted")
    args = parser.parse_args(argv)

    try:
        artifacts = load_manifest(args.manifest)
    except (OSError, ValueError) as exc:  # tomllib.TOMLDecodeError is a ValueError
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.only:
        known = {a.name for a in artifacts}
        unknown = sorted(set(args.only) - known)
        if unknown:
            print(f"error: not in the manifest: {', '.join(unknown)}", file=sys.stderr)
            return 2
        artifacts = [a for a in artifacts if a.name in args.only]

    failures = 0
    for art in artifacts:
        try:
            extract(art, args.cache, args.index_url, args.offline, args.force)
        except (CorpusError, OSError, zipfile.BadZipFile, tarfile.TarError) as exc:
            failures += 1
            print(f"error: {exc}", file=sys.stderr)

    conftests = collect(artifacts, args.cache)
    if conftests:
        print(format_table(conftests))
    if failures:
        print(f"\n{failures} package(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
