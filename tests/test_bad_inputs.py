"""One test per kind of awkward input, through the command line as a user meets it.

Refusals must exit 2 with exactly one ``error: <path>: <what> (<what to do>)`` line on stderr
and leave every byte of the tree as it was. Inputs that are unusual but valid (CRLF, CR-only
newlines, a BOM, an encoding cookie, tab indentation) must migrate with the same bytes conventions
in every output, compile as Python reads them, collect the same tests (``--verify``), and be a
no-op the second time.
"""

from __future__ import annotations

import sys
import tokenize
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from codemods.cli import app
from tests.treeutil import snapshot

runner = CliRunner()
FAST = "-p no:hypothesispytest"

CONFTEST = """\
import sqlite3
from unittest import mock

import pytest

GREETING = "héllo"  # café


@pytest.fixture
def greeting():
    return GREETING


@pytest.fixture
def mock_mailer():
    return mock.MagicMock()


@pytest.fixture
def db(greeting):
    connection = sqlite3.connect(":memory:")
    yield connection
    connection.close()
"""
TESTS = """\
def test_greeting(greeting, mock_mailer):
    assert greeting == "h\\u00e9llo"
"""
INTEGRATION_TESTS = """\
def test_db(db):
    assert db.execute("SELECT 1").fetchone() == (1,)
"""


def project(root: Path, conftest: bytes | None = None) -> Path:
    """A small project; ``conftest`` replaces the default conftest's bytes."""
    tests = root / "tests"
    tests.mkdir(parents=True)
    (root / "pyproject.toml").write_text("[tool.pytest.ini_options]\n", encoding="utf-8")
    (tests / "test_things.py").write_text(TESTS, encoding="utf-8")
    (tests / "integration").mkdir()  # only these tests need db: it goes to services
    (tests / "integration" / "test_db.py").write_text(INTEGRATION_TESTS, encoding="utf-8")
    (tests / "conftest.py").write_bytes(CONFTEST.encode() if conftest is None else conftest)
    return tests / "conftest.py"


def migrate(target: Path | str, *options: str) -> Result:
    return runner.invoke(app, ["migrate", str(target), *options])


def assert_refused(result: Result, target: Path | str, what: str) -> None:
    """Exit 2, nothing on stdout, and one error line naming the file and what is wrong."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: {target}: {what}"), lines[0]
    assert lines[0].endswith(")"), "every message ends with what to do"


def refused_untouched(tmp_path: Path, conftest: bytes, what: str) -> None:
    target = project(tmp_path, conftest)
    before = snapshot(tmp_path)
    assert_refused(migrate(target), target, what)
    assert snapshot(tmp_path) == before


def test_a_syntax_error(tmp_path: Path) -> None:
    refused_untouched(
        tmp_path, b"import pytest\n\ndef broken(:\n    pass\n", "syntax error at line 3"
    )


def test_code_only_the_compiler_rejects(tmp_path: Path) -> None:
    """``ast.parse`` accepts a duplicate argument; pytest could not import the file."""
    refused_untouched(
        tmp_path,
        b"import pytest\n\n@pytest.fixture\ndef db(tmp_path, tmp_path):\n    pass\n",
        "syntax error at line 4: duplicate argument 'tmp_path' in function definition",
    )


NEWER_SYNTAX = {
    "3.12 generic function": "def first[T](items: list[T]) -> T:\n    return items[0]\n",
    "3.12 type alias": "type Pair = tuple[int, int]\n",
    "3.14 unparenthesised except": ("try:\n    pass\nexcept ValueError, TypeError:\n    pass\n"),
}


@pytest.mark.parametrize("source", NEWER_SYNTAX.values(), ids=NEWER_SYNTAX.keys())
def test_syntax_newer_than_the_running_python(tmp_path: Path, source: str) -> None:
    try:
        compile(source, "<probe>", "exec")
    except SyntaxError:
        pass
    else:
        pytest.skip(f"Python {sys.version_info[:2]} understands this syntax")
    refused_untouched(tmp_path, f"import pytest\n\n{source}".encode(), "syntax error at line")


def test_non_utf8_bytes_without_an_encoding_cookie(tmp_path: Path) -> None:
    refused_untouched(tmp_path, b'import pytest\n\nNAME = "caf\xe9"\n', "cannot decode")


@pytest.mark.parametrize("content", [b"", b"\n\n   \n"], ids=["empty", "blank"])
def test_an_empty_file(tmp_path: Path, content: bytes) -> None:
    refused_untouched(tmp_path, content, "file is empty")


def test_a_missing_path(tmp_path: Path) -> None:
    target = tmp_path / "tests" / "conftest.py"
    assert_refused(migrate(target), target, "no such file")
    assert list(tmp_path.iterdir()) == []


def test_a_directory_without_a_conftest(tmp_path: Path) -> None:
    target = project(tmp_path).parent / "empty"
    target.mkdir()
    before = snapshot(tmp_path)
    assert_refused(migrate(target), target, "has no conftest.py")
    assert snapshot(tmp_path) == before


def test_a_layer_file_we_did_not_write(tmp_path: Path) -> None:
    target = project(tmp_path)
    foreign = target.with_name("conftest_base.py")
    foreign.write_text("# the team's own helpers\nVALUE = 1\n", encoding="utf-8")
    before = snapshot(tmp_path)
    assert_refused(migrate(target), foreign, "exists and was not written by conftest-codemods")
    assert snapshot(tmp_path) == before


def test_a_runtime_we_did_not_write(tmp_path: Path) -> None:
    target = project(tmp_path)
    foreign = tmp_path / "conftest_codemods_runtime.py"
    foreign.write_text("VALUE = 1\n", encoding="utf-8")
    before = snapshot(tmp_path)
    assert_refused(migrate(target), foreign, "exists and was not written by conftest-codemods")
    assert snapshot(tmp_path) == before


def test_an_existing_backup_file(tmp_path: Path) -> None:
    target = project(tmp_path)
    backup = target.with_name("conftest.py.orig")
    backup.write_text("# an older backup\n", encoding="utf-8")
    before = snapshot(tmp_path)
    assert_refused(migrate(target), backup, "already exists")
    assert snapshot(tmp_path) == before


def test_an_already_migrated_conftest_is_nothing_to_do(tmp_path: Path) -> None:
    target = project(tmp_path)
    assert migrate(target).exit_code == 0
    migrated = snapshot(tmp_path)
    again = migrate(target)
    assert again.exit_code == 0
    assert again.stdout == ""
    assert again.stderr.strip() == f"{target}: already migrated, nothing to do"
    assert snapshot(tmp_path) == migrated


def test_a_symlinked_conftest(tmp_path: Path) -> None:
    shared = tmp_path / "shared" / "conftest.py"
    shared.parent.mkdir()
    shared.write_text(CONFTEST, encoding="utf-8")
    target = project(tmp_path / "project")
    target.unlink()
    target.symlink_to(Path("..", "..", "shared", "conftest.py"))
    before = snapshot(tmp_path)
    assert_refused(migrate(target), target, "is a symbolic link to ../../shared/conftest.py")
    assert snapshot(tmp_path) == before
    assert target.is_symlink()


def python_reads(path: Path) -> str:
    """The file's text as Python itself decodes it (cookie or BOM, else UTF-8)."""
    with tokenize.open(path) as stream:
        return stream.read()


VALID = {
    "crlf": CONFTEST.replace("\n", "\r\n").encode(),
    "cr": CONFTEST.replace("\n", "\r").encode(),
    "bom": b"\xef\xbb\xbf" + CONFTEST.encode(),
    "cookie": ("# -*- coding: latin-1 -*-\n" + CONFTEST).encode("latin-1"),
    "tabs": CONFTEST.replace("    ", "\t").encode(),
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", VALID)
def test_valid_but_unusual_files_migrate_faithfully(tmp_path: Path, kind: str) -> None:
    target = project(tmp_path, VALID[kind])
    result = migrate(target, "--verify", "--verify-args", FAST)
    assert result.exit_code == 0, result.output
    assert "pytest behaviour unchanged in all 2 environments" in result.stderr
    layers = sorted(target.parent.glob("conftest_*.py"))
    assert {"conftest_base.py", "conftest_mocks.py", "conftest_services.py"} <= {
        path.name for path in layers
    }
    for path in [target, *layers]:
        data = path.read_bytes()
        compile(data, str(path), "exec")  # decoded the way Python decodes it
        if kind == "crlf":
            assert b"\n" not in data.replace(b"\r\n", b""), f"{path.name} mixes newlines"
        if kind == "cr":
            assert b"\n" not in data and b"\r" in data, f"{path.name} mixes newlines"
        if kind == "bom":
            assert data.startswith(b"\xef\xbb\xbf"), path.name
    user_code = {path.name: python_reads(path) for path in layers}
    assert 'GREETING = "héllo"  # café' in user_code["conftest_base.py"]
    assert target.with_name("conftest.py.orig").read_bytes() == VALID[kind]
    if kind == "cookie":
        assert user_code["conftest_base.py"].startswith("# -*- coding: latin-1 -*-")
    if kind == "tabs":
        assert "\n\treturn GREETING\n" in user_code["conftest_base.py"]
    written = snapshot(tmp_path)
    again = migrate(target)
    assert again.exit_code == 0
    assert "nothing to do" in again.stderr
    assert snapshot(tmp_path) == written
