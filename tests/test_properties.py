"""Properties of ``migrate`` on random conftests (see ``generated_conftests``).

For any generated module: the tool either migrates it or refuses with a one-line error that is
not the conservation-bug message; every output compiles; every comment and every top-level
definition lands in exactly one layer module; and a second run finds nothing to do. A smaller
property runs real pytest on a generated project and requires identical node ids, markers and
fixture closures before and after, through the same engine as ``migrate --verify``.
"""

from __future__ import annotations

import ast
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from codemods import api
from codemods.errors import ConftestCodemodsError
from codemods.verify.migration import VerifyOptions, verify_migration
from tests.generated_conftests import Module, conftest_modules

BUG_MESSAGE = "bug in conftest-codemods"
LAYER_FILES = frozenset(
    {"conftest_base.py", "conftest_mocks.py", "conftest_services.py", "conftest_e2e.py"}
)
FAST = ("-p", "no:hypothesispytest")
PROPERTY_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def migrate_or_refuse(conftest: Path) -> api.MigrationResult | None:
    """The migration, or ``None`` after checking that a refusal is a clean user error."""
    try:
        return api.migrate(conftest)
    except ConftestCodemodsError as error:
        message = str(error)
        assert "\n" not in message, message
        assert BUG_MESSAGE not in message, message
        event(f"refused: {error.what}")
        return None


def top_level_names(source: str) -> Counter[str]:
    """Names bound by top-level definitions and assignments, also inside ``if``/``try``."""
    names: Counter[str] = Counter()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names[node.name] += 1
            elif isinstance(node, ast.Assign):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.If):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for handler in node.handlers:
                    visit(handler.body)

    visit(ast.parse(source).body)
    return names


def comment_count(tag: str, texts: list[str]) -> int:
    return sum(text.count(f"# {tag} ") for text in texts)


@PROPERTY_SETTINGS
@given(conftest_modules())
def test_migrate_never_crashes_conserves_compiles_and_is_idempotent(
    generated: tuple[str, Module],
) -> None:
    source, module = generated
    compile(source, "<generated conftest>", "exec", dont_inherit=True)  # a generator bug, if not
    with tempfile.TemporaryDirectory(prefix="conftest-property-") as scratch:
        conftest = Path(scratch) / "conftest.py"
        conftest.write_text(source, encoding="utf-8")
        result = migrate_or_refuse(conftest)
        if result is None:
            return
        event(f"layers: {len([c for c in result.changes if c.path.name in LAYER_FILES])}")
        for change in result.changes:
            compile(change.new, str(change.path), "exec", dont_inherit=True)
        layers = [change.new for change in result.changes if change.path.name in LAYER_FILES]
        for tag in module.comments:
            assert comment_count(tag, layers) == 1, f"comment {tag} not exactly once"
        for tag in module.import_comments:
            assert comment_count(tag, layers) >= 1, f"import comment {tag} lost"
        defined = sum((top_level_names(text) for text in layers), Counter[str]())
        expected = top_level_names(source)
        assert {name: defined[name] for name in expected} == expected

        result.write()
        assert migrate_or_refuse(conftest) is not None, "the orchestrator must be recognised"
        second = api.migrate(conftest)
        assert second.nothing_to_do, [change.path.name for change in second.changes]


@st.composite
def projects(draw: st.DrawFn) -> dict[str, str]:
    """A small project: a generated conftest and tests requesting random fixtures from it."""
    source, module = draw(conftest_modules(max_units=10))
    names = sorted(module.fixtures)
    files = {
        "pyproject.toml": (
            '[tool.pytest.ini_options]\nasyncio_default_fixture_loop_scope = "function"\n'
        ),
        "tests/conftest.py": source,
    }
    for directory in ("", "unit/", "integration/"):
        tests = []
        for number in range(draw(st.integers(0 if directory else 1, 3))):
            requested = (
                draw(st.lists(st.sampled_from(names), unique=True, max_size=3)) if names else []
            )
            tests.append(f"def test_{number}({', '.join(requested)}):\n    pass\n")
        if tests:
            files[f"tests/{directory}test_generated.py"] = "\n\n".join(tests)
    return files


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(projects())
def test_a_generated_project_collects_the_same_before_and_after(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory(prefix="conftest-property-") as scratch:
        root = Path(scratch) / "project"
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        result = migrate_or_refuse(root / "tests" / "conftest.py")
        if result is None:
            return
        verification = verify_migration(result, VerifyOptions(args=FAST, parallel=True))
        assert verification.ok, verification.report()
        assert all(
            check.comparison and check.comparison.before.items for check in verification.checks
        )
