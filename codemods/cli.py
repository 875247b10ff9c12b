"""``conftest-codemods``: a thin Typer layer over ``codemods.api``.

Exit codes (stable): 0 done or nothing to do; 1 ``--dry-run`` found changes to make;
2 bad input, bad configuration or a failed write (one ``error:`` line on stderr, nothing written).

``codemods.api`` (which imports black), libcst and the modules built on them are imported
inside the commands that use them: ``check`` runs in every CI job and pre-commit hook, and
should cost little more than parsing the files it checks (``benchmarks/tool_speed.py``).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from codemods import __version__
from codemods.config import load_settings
from codemods.diffs import display_path
from codemods.errors import ConftestCodemodsError
from codemods.graph_render import GraphFormat, render_graph
from codemods.io import write_atomically
from codemods.lint import LintResult, lint
from codemods.rules import RULES
from codemods.rules import output as lint_output
from codemods.rules.output import OutputFormat
from codemods.rules.selection import Choice
from codemods.verify.migration import Level as VerifyLevel

if TYPE_CHECKING:
    from codemods.api import MigrationResult
    from codemods.verify.migration import VerifyOptions

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_ERROR = 2

ConfigOption = Annotated[
    Path | None,
    # The backslash keeps rich from reading the table name as a markup tag and dropping it.
    typer.Option("--config", help="Read \\[tool.conftest-codemods] from this pyproject.toml."),
]

PythonOption = typer.Option(
    "--python",
    help="The interpreter the tests run with: asked which heavy modules are installed (and, "
    "for migrate --verify, running pytest). Default: $VIRTUAL_ENV's, else the project's .venv, "
    "else the one running this tool.",
    show_default=False,
)

app = typer.Typer(
    name="conftest-codemods",
    help="Split a monolithic pytest conftest.py into lazily loaded layers, without changing "
    "a single test outcome.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"conftest-codemods {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Split a monolithic pytest conftest.py into lazily loaded layers."""


@app.command()
def migrate(
    path: Annotated[
        Path,
        typer.Argument(help="The conftest.py to split, or a directory: every conftest.py in it."),
    ],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", "--diff", help="Print the unified diff and write nothing (exit 1 if any)."
        ),
    ] = False,
    backup: Annotated[
        bool,
        typer.Option("--backup/--no-backup", help="Keep the original as conftest.py.orig."),
    ] = True,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan", help="Write the computed plan (unit -> layer) here; migrate nothing."
        ),
    ] = None,
    from_plan: Annotated[
        Path | None, typer.Option("--from-plan", help="Apply an edited plan file.")
    ] = None,
    config: ConfigOption = None,
    profile: Annotated[
        bool | None,
        typer.Option(
            "--profile/--no-profile",
            help="Put @memory_profile on every fixture (default: the `profile` setting, on).",
            show_default=False,
        ),
    ] = None,
    lazy: Annotated[
        bool | None,
        typer.Option(
            "--lazy/--no-lazy",
            help="Defer the layer modules' heavy imports (default: the `lazy` setting, on).",
            show_default=False,
        ),
    ] = None,
    measure: Annotated[
        bool,
        typer.Option(
            "--measure",
            help="Also treat imports measured above heavy-import-ms/-mb as heavy (cached); "
            "without it only listed modules are, so the output is the same on every machine.",
        ),
    ] = False,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify",
            help="Run pytest on copies of the project before and after the migration; write "
            "only if ids, markers and fixture closures match (exit 1 with a report otherwise).",
        ),
    ] = False,
    verify_level: Annotated[
        VerifyLevel | None,
        typer.Option(
            "--verify-level",
            help="collect (default), or run: also compare outcomes. Implies --verify.",
        ),
    ] = None,
    verify_args: Annotated[
        str, typer.Option("--verify-args", help="Extra pytest arguments for --verify runs.")
    ] = "",
    verify_env: Annotated[
        list[str] | None,
        typer.Option("--verify-env", help="Also verify with NAME=V[,NAME=V] set (repeatable)."),
    ] = None,
    flaky: Annotated[
        Path | None,
        typer.Option("--flaky", help="File of node ids whose outcome --verify does not compare."),
    ] = None,
    python: Annotated[str | None, PythonOption] = None,
) -> None:
    """Split PATH into conftest_base/mocks/services/e2e.py and a generated orchestrator."""
    from codemods import api
    from codemods import lazy as lazy_api
    from codemods.verify.migration import build_options

    try:
        if plan is not None:
            written = api.write_plan_file(path, plan, config=config)
            _note(f"wrote the plan of {len(written.placements)} units to {plan}")
            raise typer.Exit(EXIT_OK)
        overrides = api.read_plan_file(from_plan) if from_plan else None
        result = api.migrate(
            path,
            config=config,
            overrides=overrides,
            backup=backup,
            profile=profile,
            lazy=lazy,
            measure_imports=measure,
            python=python,
        )
        if verify or verify_level or verify_args or verify_env or flaky:
            settings = load_settings(path.absolute().parent, config)
            tests_python = lazy_api.interpreter_for(path, config=config, python=python)
            options = build_options(
                verify_level, verify_args, verify_env or [], flaky, settings, tests_python.path
            )
            _note(f"verifying with {tests_python.describe()}")
            _verify(result, options)
        if dry_run:
            _print_diff(result.diff())
        else:
            result.write()
    except ConftestCodemodsError as error:
        typer.secho(f"error: {error}", err=True, fg=typer.colors.RED)
        raise typer.Exit(EXIT_ERROR) from None
    for line in result.summary:
        _note(line)
    for warning in result.warnings:
        typer.secho(f"warning: {warning}", err=True, fg=typer.colors.YELLOW)
    if result.nothing_to_do:
        raise typer.Exit(EXIT_OK)
    if dry_run:
        _note(f"would write {len(result.changes)} files (dry run, nothing written)")
        raise typer.Exit(EXIT_CHANGES)
    _note(f"wrote {len(result.changes)} files")


def _note(message: str) -> None:
    typer.echo(message, err=True)


def _verify(result: MigrationResult, options: VerifyOptions) -> None:
    """Prove the migration on copies of the project; on a difference, report and exit 1."""
    from codemods.verify.migration import verify_migration

    verification = verify_migration(result, options, progress=_note)
    if not verification.ok:
        typer.echo(verification.report())
        raise typer.Exit(EXIT_CHANGES)


_DIFF_COLOURS = {"+": typer.colors.GREEN, "-": typer.colors.RED, "@": typer.colors.CYAN}


def _print_diff(diff: str) -> None:
    """The diff on stdout, coloured only when stdout is a terminal."""
    if not sys.stdout.isatty():
        typer.echo(diff, nl=False)
        return
    for line in diff.splitlines():
        header = line.startswith(("+++", "---"))
        colour = None if header else _DIFF_COLOURS.get(line[:1])
        typer.secho(line, fg=colour, bold=header)


CodeList = Annotated[
    list[str] | None,
    typer.Option(help="Rule codes or prefixes, comma-separated or repeated."),
]
Paths = Annotated[
    list[Path] | None, typer.Argument(help="Files or directories to check (default: .).")
]


@app.command()
def check(
    paths: Paths = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--output-format", help="How to print the findings.")
    ] = OutputFormat.TEXT,
    select: CodeList = None,
    ignore: CodeList = None,
    extend_select: CodeList = None,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Print the number of findings per rule.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print what `fix` would change (exit 1 if anything).")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Report rule violations in every conftest*.py under PATHS (exit 1 if any)."""
    choice = _choice(select, ignore, extend_select)
    result = _lint(paths, config=config, choice=choice, fix=diff)
    base = Path.cwd()
    if diff:
        _print_diff(result.diff(base))
        _finish(result.errors, EXIT_CHANGES if result.fixes or result.findings else EXIT_OK)
    if statistics:
        typer.echo(lint_output.statistics(result.findings), nl=False)
    else:
        typer.echo(lint_output.render(result.findings, output_format.value, base), nl=False)
    if output_format is OutputFormat.TEXT:
        typer.echo(lint_output.summary(result.findings))
    _finish(result.errors, EXIT_CHANGES if result.findings else EXIT_OK)


@app.command()
def fix(
    paths: Paths = None,
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="Also apply fixes that may change behaviour.")
    ] = False,
    exit_non_zero_on_fix: Annotated[
        bool, typer.Option("--exit-non-zero-on-fix", help="Exit 1 when anything was fixed.")
    ] = False,
    select: CodeList = None,
    ignore: CodeList = None,
    extend_select: CodeList = None,
    config: ConfigOption = None,
) -> None:
    """Apply the available fixes, then report what is left (exit 1 if anything is)."""
    choice = _choice(select, ignore, extend_select)
    result = _lint(paths, config=config, choice=choice, fix=True, unsafe_fixes=unsafe_fixes)
    try:
        result.write()
    except ConftestCodemodsError as error:
        _finish((str(error),), EXIT_ERROR)
    base = Path.cwd()
    for change in result.fixes:
        shown = display_path(change.path, base)
        if not change.codes:
            _note(f"wrote {shown} (a support module the fixes above need)")
            continue
        codes = ", ".join(f"{code} x{count}" for code, count in sorted(change.codes.items()))
        _note(f"fixed {shown} ({codes})")
    typer.echo(lint_output.render(result.findings, "text", base), nl=False)
    fixed = sum(sum(change.codes.values()) for change in result.fixes)
    typer.echo(f"Fixed {fixed}, {lint_output.summary(result.findings)}")
    failed = bool(result.findings) or (exit_non_zero_on_fix and fixed > 0)
    _finish(result.errors, EXIT_CHANGES if failed else EXIT_OK)


@app.command()
def rules() -> None:
    """List every rule: code, name, whether it is fixable or opt-in, and what it finds."""
    for rule in RULES:
        flags = (" [*]" if rule.fixable else "") + ("" if rule.default else " (opt-in)")
        typer.echo(f"{rule.code} {rule.name}{flags} - {rule.summary}")


@app.command("graph")
def graph_command(
    path: Annotated[Path, typer.Argument(help="A test directory or a conftest*.py.")],
    output_format: Annotated[
        GraphFormat, typer.Option("--format", help="text (a tree), json, dot or mermaid.")
    ] = GraphFormat.TEXT,
) -> None:
    """Print the fixture graph of PATH's conftests: layers, cycles, violations, heavy chains."""
    from codemods.graph import load_graph

    try:
        fixture_graph = load_graph(path)
    except ConftestCodemodsError as error:
        _finish([str(error)], EXIT_ERROR)
    typer.echo(render_graph(fixture_graph, output_format), nl=False)


def _choice(select: list[str] | None, ignore: list[str] | None, extend: list[str] | None) -> Choice:
    def split(values: list[str] | None) -> tuple[str, ...]:
        return tuple(part for value in values or () for part in value.split(",") if part.strip())

    return Choice(split(select) if select else None, split(ignore), split(extend))


def _lint(paths: list[Path] | None, **options: Any) -> LintResult:
    try:
        with _progress() as progress:
            return lint(paths or [Path()], progress=progress, **options)
    except ConftestCodemodsError as error:
        _finish((str(error),), EXIT_ERROR)
        raise  # unreachable: _finish exits


@contextlib.contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal (never in CI logs)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("checking", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _finish(errors: Iterable[str], code: int) -> NoReturn:
    """Print the errors (one line each) and exit: 2 if there were any, else ``code``."""
    errors = list(errors)
    for error in errors:
        typer.secho(f"error: {error}", err=True, fg=typer.colors.RED)
    raise typer.Exit(EXIT_ERROR if errors else code)


@app.command()
def lazy(
    path: Annotated[Path, typer.Argument(help="The conftest.py (or layer module) to rewrite.")],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", "--diff", help="Print the unified diff and write nothing (exit 1 if any)."
        ),
    ] = False,
    heavy: Annotated[
        list[str] | None,
        typer.Option("--heavy", help="Also treat this module as heavy (repeatable)."),
    ] = None,
    measure: Annotated[
        bool,
        typer.Option(
            "--measure/--no-measure",
            help="Measure each import in a subprocess (cached) and treat costly ones as heavy.",
        ),
    ] = True,
    threshold_ms: Annotated[
        float | None,
        typer.Option("--threshold-ms", help="Heavy from this cumulative import time (20)."),
    ] = None,
    threshold_mb: Annotated[
        float | None, typer.Option("--threshold-mb", help="Heavy from this RSS growth (10).")
    ] = None,
    target_version: Annotated[
        str,
        typer.Option("--target-version", help="Oldest Python of the tests (3.15: PEP 810)."),
    ] = "3.10",
    lazy_modules: Annotated[
        bool,
        typer.Option("--lazy-modules", help="Emit __lazy_modules__ (PEP 810, inert before 3.15)."),
    ] = False,
    python: Annotated[str | None, PythonOption] = None,
    config: ConfigOption = None,
) -> None:
    """Defer PATH's heavy module-level imports where that cannot change what runs when."""
    from codemods import lazy as lazy_api

    try:
        result = lazy_api.lazy_conftest(
            path,
            config=config,
            extra_heavy=heavy or (),
            measure_imports=measure,
            threshold_ms=threshold_ms,
            threshold_mb=threshold_mb,
            target_version=lazy_api.parse_version(target_version),
            lazy_modules=lazy_modules,
            python=python,
        )
        if dry_run:
            _print_diff(result.diff())
        else:
            result.write()
    except ConftestCodemodsError as error:
        _finish([str(error)], EXIT_ERROR)
    for line in result.report():
        _note(line)
    if result.changes and dry_run:
        _note(f"would write {len(result.changes)} files (dry run, nothing written)")
        raise typer.Exit(EXIT_CHANGES)
    _note(f"wrote {len(result.changes)} files" if result.changes else "nothing to change")


@app.command()
def audit(
    path: Annotated[Path, typer.Argument(help="The conftest.py to audit.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    threshold_ms: Annotated[
        float | None,
        typer.Option("--threshold-ms", help="Heavy from this cumulative import time (20)."),
    ] = None,
    threshold_mb: Annotated[
        float | None, typer.Option("--threshold-mb", help="Heavy from this RSS growth (10).")
    ] = None,
    python: Annotated[str | None, PythonOption] = None,
    config: ConfigOption = None,
) -> None:
    """Measure each module-level import of PATH and list import-time collection risks."""
    from codemods.audit import report as audit_api

    try:
        report = audit_api.audit(
            path,
            config=config,
            python=python,
            threshold_ms=threshold_ms,
            threshold_mb=threshold_mb,
        )
    except ConftestCodemodsError as error:
        _finish([str(error)], EXIT_ERROR)
    typer.echo(report.to_json() if as_json else report.table(), nl=as_json)


@app.command()
def profile(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Test paths to run (default: the whole suite, from this directory)."),
    ] = None,
    write: Annotated[
        bool,
        typer.Option("--write", help="Rewrite each @memory_profile impact= to the measured level."),
    ] = False,
    keyword: Annotated[
        str | None, typer.Option("-k", help="Only run tests matching this expression.")
    ] = None,
) -> None:
    """Measure every @memory_profile fixture in a pytest run; --write records the levels."""
    from codemods import profiling

    project = Path.cwd()
    arguments = [*(paths or []), *(["-k", keyword] if keyword else [])]
    try:
        measured = profiling.measure(project, arguments)
        changes = profiling.impact_changes(project, measured) if write else []
        write_atomically({change.path: change.data for change in changes})
    except ConftestCodemodsError as error:
        _finish([str(error)], EXIT_ERROR)
    typer.echo(f"{'fixture':32} {'declared':10} {'measured':10} {'peak MB':>8}")
    for row in measured:
        declared = row.declared or "-"
        typer.echo(f"{row.fixture:32} {declared:10} {row.measured:10} {row.peak_mb:8.2f}")
    for change in changes:
        _note(f"{change.path}: impact of {', '.join(change.functions)} set to the measured level")
    if write:
        _note(f"rewrote {len(changes)} files" if changes else "every declared impact matches")


@app.command("profile-decorate")
def profile_decorate(
    path: Annotated[Path, typer.Argument(help="A conftest or layer module to decorate.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "--diff", help="Print the diff, write nothing.")
    ] = False,
) -> None:
    """Put @memory_profile on every fixture of PATH that lacks one (an already-split suite)."""
    from codemods import api, decorate

    try:
        changes = decorate.decorate_fixtures(path)
        result = api.MigrationResult(path, tuple(changes))
        if dry_run:
            _print_diff(result.diff())
        else:
            result.write()
    except ConftestCodemodsError as error:
        _finish([str(error)], EXIT_ERROR)
    if not changes:
        _note(f"{path}: every fixture already has @memory_profile")
        raise typer.Exit(EXIT_OK)
    _note(f"{'would write' if dry_run else 'wrote'} {len(changes)} files")
    raise typer.Exit(EXIT_CHANGES if dry_run else EXIT_OK)


def main() -> None:
    """Console-script entry point."""
    app()
