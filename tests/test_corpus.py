"""Real conftests from public packages: migrate them, check conservation and compilation.

The conservation check runs inside ``migrate`` itself (it raises instead of writing); these
tests add that every output compiles and that a second run finds nothing to do. The vendored
pandas conftest (2,000+ lines, 100+ fixtures) runs in every CI run; the whole downloaded corpus
(``python tests/corpus/fetch.py``) runs with ``pytest -m corpus``.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from codemods import api
from codemods.errors import ConftestCodemodsError

CORPUS = Path(__file__).resolve().parent / "corpus"
CACHED = sorted((CORPUS / "cache" / "conftests").rglob("conftest.py"))


def migrate_copy(source: Path, workdir: Path) -> api.MigrationResult:
    """Migrate a copy of ``source`` placed as ``conftest.py`` in an empty directory."""
    target = workdir / "conftest.py"
    workdir.mkdir(parents=True)
    shutil.copyfile(source, target)
    result = api.migrate(target)
    for change in result.changes:
        ast.parse(change.new, filename=str(change.path))
    result.write()
    assert api.migrate(target).nothing_to_do
    return result


def test_the_vendored_pandas_conftest_migrates_whole(tmp_path: Path) -> None:
    result = migrate_copy(CORPUS / "vendored" / "pandas_conftest.py", tmp_path / "pandas")
    assert result.plan is not None
    assert len(result.plan.model.fixtures) >= 100
    written = {change.path.name for change in result.changes}
    assert {"conftest.py", "conftest_base.py", "conftest.py.orig"} <= written


@pytest.mark.corpus
@pytest.mark.skipif(not CACHED, reason="run `python tests/corpus/fetch.py` first")
@pytest.mark.parametrize(
    "source", CACHED, ids=[str(p.relative_to(CORPUS / "cache" / "conftests")) for p in CACHED]
)
def test_every_corpus_conftest_migrates_or_is_refused_cleanly(source: Path, tmp_path: Path) -> None:
    try:
        migrate_copy(source, tmp_path / "project")
    except ConftestCodemodsError as error:
        message = str(error)
        assert "\n" not in message
        assert "bug in conftest-codemods" not in message, message
