"""Import cycles through conftest modules, found in grimp's import graph of their import root.

pytest imports a conftest whose directory is not a package as a top-level module, with that
directory on ``sys.path``; inside a package, as part of the topmost package above it. Its
``import helpers`` therefore means a module of that *import root*. grimp only builds graphs of
packages, so the root's modules are offered to it as packages of a temporary directory: a
package is linked as it is, a top-level module ``x.py`` becomes the package ``x`` whose
``__init__.py`` links to it. Names and line numbers stay those of the real files.

The graph is built once per import root and process, and kept while no file under it changes:
every conftest directory of a package shares one graph.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from codemods.analysis.cycles import cycle_path, cycles

if TYPE_CHECKING:
    from grimp import ImportGraph

BACKUP_STEM = "conftest_legacy_backup"
Fingerprint = frozenset[tuple[str, int, int]]


@dataclass(frozen=True)
class CycleSite:
    """``chain[0] -> chain[1] -> ... -> chain[0]``, reported in ``path`` (``chain[0]``'s file,
    a conftest module) at ``line``, its import of ``chain[1]``."""

    chain: tuple[str, ...]
    path: Path
    line: int


@dataclass(frozen=True)
class ImportRoot:
    """The directory on ``sys.path`` and the top-level entries (packages, modules) under it."""

    base: Path
    entries: tuple[Path, ...]

    def module_path(self, module: str) -> Path:
        """The file of the dotted ``module``."""
        target = self.base.joinpath(*module.split("."))
        return target / "__init__.py" if target.is_dir() else target.with_suffix(".py")


_CACHE: dict[ImportRoot, tuple[Fingerprint, tuple[CycleSite, ...]]] = {}


def import_cycles(directory: Path) -> tuple[CycleSite, ...]:
    """Every import cycle through a conftest module of ``directory``'s import root, each once."""
    root = import_root(directory.resolve())
    fingerprint = _fingerprint(root)
    cached = _CACHE.get(root)
    if cached is None or cached[0] != fingerprint:
        cached = (fingerprint, tuple(_cycles(root)) if root.entries else ())
        _CACHE[root] = cached
    return cached[1]


def import_root(directory: Path) -> ImportRoot:
    """Where pytest's default import mode puts a conftest of ``directory``, and what is there."""
    if (directory / "__init__.py").is_file():
        top = directory
        while (top.parent / "__init__.py").is_file():
            top = top.parent
        return ImportRoot(top.parent, (top,))
    entries = tuple(
        entry
        for entry in sorted(directory.iterdir())
        if _importable(entry.stem if entry.is_file() else entry.name)
        and (
            (entry.suffix == ".py" and entry.is_file() and not _is_test(entry.stem))
            or (entry / "__init__.py").is_file()
        )
    )
    return ImportRoot(directory, entries)


def _importable(name: str) -> bool:
    """A name ``import`` can reach that does not shadow the standard library."""
    return name.isidentifier() and name != BACKUP_STEM and name not in sys.stdlib_module_names


def _is_test(stem: str) -> bool:
    """Test modules are collected by pytest, never imported by a conftest."""
    return stem.startswith("test_") or stem.endswith("_test")


def _fingerprint(root: ImportRoot) -> Fingerprint:
    """What the graph depends on: every module file's path, modification time and size."""
    found = set()
    for path in _python_files(root.entries):
        stat = path.stat()
        found.add((str(path), stat.st_mtime_ns, stat.st_size))
    return frozenset(found)


def _python_files(entries: tuple[Path, ...]) -> Iterator[Path]:
    """The module files grimp reads: directories without ``__init__.py`` are not walked."""
    for entry in entries:
        if entry.is_file():
            yield entry
            continue
        for folder, directories, files in os.walk(entry):
            directories[:] = [d for d in directories if Path(folder, d, "__init__.py").is_file()]
            yield from (Path(folder, name) for name in files if name.endswith(".py"))


def _cycles(root: ImportRoot) -> Iterator[CycleSite]:
    graph = _build(root)
    if graph is None:
        return
    internal = {module for module in graph.modules if not graph.is_module_squashed(module)}
    edges = {
        module: set(graph.find_modules_directly_imported_by(module)) & internal
        for module in internal
    }
    seen: set[tuple[str, ...]] = set()
    for component in cycles(edges):
        for start in sorted(filter(_is_conftest, component)):
            chain = tuple(cycle_path(start, edges, component))
            first = min(filter(_is_conftest, chain))
            at = chain.index(first)
            canonical = (*chain[at:-1], *chain[:at], first)
            if canonical not in seen:
                seen.add(canonical)
                details = graph.get_import_details(importer=canonical[0], imported=canonical[1])
                line = min(int(detail["line_number"]) for detail in details)
                yield CycleSite(canonical, root.module_path(canonical[0]), line)


def _is_conftest(module: str) -> bool:
    name = module.rpartition(".")[2]
    return name == "conftest" or (name.startswith("conftest_") and name != BACKUP_STEM)


def _build(root: ImportRoot) -> ImportGraph | None:
    """grimp's graph of ``root``'s entries, offered as packages of a temporary directory.

    ``None`` when a module there does not parse: it cannot take part in a working import,
    pytest reports it the moment anything imports it, and a data file with old syntax inside a
    test package must not fail ``check``.
    """
    import grimp  # 50 ms to import: only when a conftest directory is checked
    from grimp.exceptions import SourceSyntaxError

    with tempfile.TemporaryDirectory(prefix="conftest-codemods-") as temporary:
        names = [_offer(entry, Path(temporary)) for entry in root.entries]
        shadowed = _hide_modules(names)
        sys.path.insert(0, temporary)
        try:
            return grimp.build_graph(*names, cache_dir=None, exclude_type_checking_imports=True)
        except SourceSyntaxError:
            return None
        finally:
            sys.path.remove(temporary)
            sys.path_importer_cache.pop(temporary, None)
            sys.modules.update(shadowed)


def _offer(entry: Path, temporary: Path) -> str:
    """Link ``entry`` into ``temporary`` as a package (copy where links are not allowed)."""
    if entry.is_dir():
        target = temporary / entry.name
        _link(entry, target, shutil.copytree)
        return entry.name
    target = temporary / entry.stem / "__init__.py"
    target.parent.mkdir()
    _link(entry, target, shutil.copyfile)
    return entry.stem


def _link(source: Path, target: Path, copy: Callable[[Path, Path], object]) -> None:
    try:
        target.symlink_to(source, target_is_directory=source.is_dir())
    except OSError:
        copy(source, target)


def _hide_modules(names: list[str]) -> Mapping[str, ModuleType]:
    """Take already imported modules of the same names out of ``sys.modules`` while grimp
    looks the names up (``find_spec`` answers from ``sys.modules`` first)."""
    hidden = {
        name: module for name, module in sys.modules.items() if name.partition(".")[0] in names
    }
    for name in hidden:
        del sys.modules[name]
    return hidden
