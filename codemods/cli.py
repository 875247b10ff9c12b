"""``conftest-codemods``: a thin Typer layer over ``codemods.api``.

Exit codes (stable): 0 done or nothing to do; 1 ``--dry-run`` found changes to make;
2 bad input, bad configuration, a bad command line or a failed write (one ``error:`` line on
stderr, nothing written).

Start-up matters: ``check`` runs in every CI job and pre-commit hook. ``codemods.entry`` answers
``--version`` without importing this module; here only Typer and small modules are imported at
the top, so ``--help`` and a usage error cost Typer's import and little else, and each command
imports what it needs (``codemods.api`` with black and libcst, the rule registry, the graph)
when it runs (``benchmarks/tool_speed.py --only startup``).
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer

from codemods.console import Color, Console
from codemods.errors import ConftestCodemodsError
from codemods.formats import DataFormat, OutputFormat
from codemods.graph_render import GraphFormat
from codemods.program import PROGRAM, version_line
from codemods.usage import Command, RootGroup
from codemods.wording import plural

if TYPE_CHECKING:
    from codemods.api import MigrationResult
    from codemods.config import Settings
    from codemods.lint import LintResult
    from codemods.lint.selection import Choice
    from codemods.verify.migration import VerifyOptions

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_ERROR = 2


def _examples(*lines: str) -> str:
    """An ``Examples:`` block for the end of a ``--help`` (``\\b``: Click keeps its lines)."""
    return "\b\nExamples:\n" + "\n".join(f"  $ {PROGRAM} {line}" for line in lines)


ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Read [tool.conftest-codemods] from this pyproject.toml."),
]

PythonOption = typer.Option(
    "--python",
    help="The interpreter the tests run with: asked which heavy modules are installed (and, "
    "for migrate --verify, running pytest). Default: $VIRTUAL_ENV's, else the project's .venv, "
    "else the one running this tool.",
    show_default=False,
)
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="Print only the data, warnings and errors: no notes or summary."
    ),
]
ColorOption = Annotated[
    Color,
    typer.Option(
        "--color",
        help="Colour diffs and messages: auto (on a terminal, unless NO_COLOR is set; "
        "FORCE_COLOR forces it), always or never.",
    ),
]

app = typer.Typer(
    name=PROGRAM,
    cls=RootGroup,
    help="Split a monolithic pytest conftest.py into lazily loaded layers, without changing "
    "a single test outcome.",
    epilog=_examples(
        "migrate tests/conftest.py --dry-run",
        "check --output-format github",
        "rule CC003",
        "--install-completion",
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(version_line())
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Split a monolithic pytest conftest.py into lazily loaded layers."""


@app.command(
    cls=Command,
    epilog=_examples(
        "migrate tests/conftest.py --dry-run",
        "migrate tests/conftest.py --verify",
        "migrate tests/conftest.py --plan plan.toml",
        "migrate tests/conftest.py --output-format json",
    ),
)
def migrate(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="PATH",
            help="The conftest.py to split, or a directory: every conftest.py in it.",
        ),
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
    path_markers: Annotated[
        bool,
        typer.Option(
            "--path-markers",
            help="Mark tests by directory (unit/, integration/, e2e/) and register those markers; "
            "this changes what -m selects (default: the `path-markers` setting, off).",
        ),
    ] = False,
    measure: Annotated[
        bool | None,
        typer.Option(
            "--measure/--no-measure",
            help="--measure: also treat imports measured above heavy-import-ms/-mb as heavy "
            "(cached; by default only listed modules are, so the output is the same on every "
            "machine). The summary ends with the default run's collection cost before and "
            "after, measured on temporary copies (cached); --no-measure (or "
            "CONFTEST_CODEMODS_MEASURE=0) estimates it instead and runs no pytest.",
            show_default=False,
        ),
    ] = None,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify",
            help="Run pytest on copies of the project before and after the migration; write "
            "only if ids, markers and fixture closures match (exit 1 with a report otherwise).",
        ),
    ] = False,
    verify_level: Annotated[
        Literal["collect", "run"] | None,
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
    output_format: Annotated[
        DataFormat,
        typer.Option(
            "--output-format",
            help="text: the summary on stderr (and the diff with --dry-run); json: one JSON "
            "summary on stdout instead.",
        ),
    ] = DataFormat.TEXT,
    quiet: QuietOption = False,
    color: ColorOption = Color.AUTO,
) -> None:
    """Split PATH into conftest_base/mocks/services/e2e.py and a generated orchestrator."""
    from codemods import api
    from codemods import lazy as lazy_api
    from codemods.config import load_settings
    from codemods.gain.assess import Mode as GainMode
    from codemods.gain.assess import mode_for as gain_mode
    from codemods.verify.migration import Level, build_options

    console = Console(quiet, color)
    as_json = output_format is DataFormat.JSON
    try:
        if plan is not None:
            written = api.write_plan_file(path, plan, config=config)
            console.note(f"wrote the plan of {plural(len(written.placements), 'unit')} to {plan}")
            raise typer.Exit(EXIT_OK)
        overrides = api.read_plan_file(from_plan) if from_plan else None
        if gain_mode(measure) is GainMode.MEASURE:
            console.note(
                "measuring the default run before and after on copies (cached; --no-measure)"
            )
        result = api.migrate(
            path,
            config=config,
            overrides=overrides,
            backup=backup,
            profile=profile,
            lazy=lazy,
            measure_imports=bool(measure),
            python=python,
            dry_run=dry_run,
            path_markers=path_markers or None,
            gain=gain_mode(measure),
        )
        if verify or verify_level or verify_args or verify_env or flaky:
            settings = load_settings(path.absolute().parent, config)
            tests_python = lazy_api.interpreter_for(path, config=config, python=python)
            level = Level(verify_level) if verify_level else None
            options = build_options(
                level, verify_args, verify_env or [], flaky, settings, tests_python.path
            )
            console.note(f"verifying with {tests_python.describe()}")
            _verify(console, result, options)
        if dry_run and not as_json:
            console.diff(result.diff())
        elif not dry_run:
            result.write()
    except ConftestCodemodsError as error:
        _finish(console, [str(error)], EXIT_ERROR)
    pending = EXIT_CHANGES if dry_run and not result.nothing_to_do else EXIT_OK
    if as_json:  # the warnings are in the JSON
        console.data(json.dumps(_migration_summary(result, dry_run), indent=2))
        raise typer.Exit(pending)
    for line in result.summary:
        console.note(line)
    for warning in result.warnings:
        console.warning(warning)
    if result.nothing_to_do:
        raise typer.Exit(EXIT_OK)
    files = plural(len(result.changes), "file")
    if dry_run:
        console.note(f"would write {files} (dry run, nothing written)")
        raise typer.Exit(EXIT_CHANGES)
    console.note(f"wrote {files}")


def _migration_summary(result: MigrationResult, dry_run: bool) -> dict[str, Any]:
    """``migrate --output-format json``: what was (or would be) written, and the summary."""
    from codemods.diffs import display_path

    base = Path.cwd()
    return {
        "source": display_path(result.source, base),
        "written": not dry_run and not result.nothing_to_do,
        "nothing_to_do": result.nothing_to_do,
        "files": [
            {
                "path": display_path(change.path, base),
                "action": "create" if change.old is None else "replace",
                "lines": change.new.count("\n"),
            }
            for change in result.changes
        ],
        "summary": list(result.summary),
        "warnings": list(result.warnings),
        "gain": result.gain.as_dict() if result.gain is not None else None,
    }


def _verify(console: Console, result: MigrationResult, options: VerifyOptions) -> None:
    """Prove the migration on copies of the project; on a difference, report and exit 1."""
    from codemods.verify.migration import verify_migration

    verification = verify_migration(result, options, progress=console.note)
    if not verification.ok:
        console.data(verification.report())
        raise typer.Exit(EXIT_CHANGES)


def _codes(values: list[str] | None) -> list[str] | None:
    """``--select CC00,CC013 --select CC1``: the codes, each naming at least one rule."""
    if values is None:
        return None
    from codemods.rule_base.codes import unknown_prefixes
    from codemods.rules import RULES

    parts = list(_split(values))
    bad = unknown_prefixes(parts, [rule.code for rule in RULES])
    if bad:
        raise typer.BadParameter(f"unknown rule {bad[0]!r} (see `{PROGRAM} rules`)")
    return parts


CodeList = Annotated[
    list[str] | None,
    typer.Option(
        callback=_codes,
        metavar="CODES",
        help="Rule codes or prefixes, comma-separated or repeated.",
    ),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option(
        metavar="GLOBS",
        help="Skip files matching these globs (relative to here) instead of the configured "
        "exclude; comma-separated or repeated.",
    ),
]
ExtendExcludeOption = Annotated[
    list[str] | None,
    typer.Option(metavar="GLOBS", help="Skip files matching these globs too."),
]
Paths = Annotated[
    list[Path] | None,
    typer.Argument(metavar="PATHS", help="Files or directories to check (default: .)."),
]


@app.command(
    cls=Command,
    epilog=_examples(
        "check",
        "check tests --select CC003,CC004 --statistics",
        "check --output-format sarif > conftest-codemods.sarif",
        "check --diff --extend-exclude 'legacy/*'",
    ),
)
def check(
    paths: Paths = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--output-format", help="How to print the findings.")
    ] = OutputFormat.TEXT,
    select: CodeList = None,
    ignore: CodeList = None,
    extend_select: CodeList = None,
    exclude: ExcludeOption = None,
    extend_exclude: ExtendExcludeOption = None,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Print the number of findings per rule.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print what `fix` would change (exit 1 if anything).")
    ] = False,
    config: ConfigOption = None,
    quiet: QuietOption = False,
    color: ColorOption = Color.AUTO,
) -> None:
    """Report rule violations in every conftest*.py under PATHS (exit 1 if any)."""
    from codemods.lint import output as lint_output

    console = Console(quiet, color)
    choice = _choice(select, ignore, extend_select, exclude, extend_exclude)
    result = _lint(console, paths, config=config, choice=choice, fix=diff)
    base = Path.cwd()
    if diff:
        console.diff(result.diff(base))
        _finish(console, result.errors, EXIT_CHANGES if result.fixes or result.findings else 0)
    if statistics:
        console.data(lint_output.statistics(result.findings), nl=False)
    else:
        console.data(lint_output.render(result.findings, output_format.value, base), nl=False)
    if output_format is OutputFormat.TEXT and not quiet:
        console.data(lint_output.summary(result.findings))
    _finish(console, result.errors, EXIT_CHANGES if result.findings else EXIT_OK)


@app.command(
    cls=Command,
    epilog=_examples(
        "fix",
        "fix tests --select CC004",
        "fix --unsafe-fixes --exit-non-zero-on-fix",
        "fix --output-format github",
    ),
)
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
    exclude: ExcludeOption = None,
    extend_exclude: ExtendExcludeOption = None,
    config: ConfigOption = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--output-format", help="How to print what is left.")
    ] = OutputFormat.TEXT,
    quiet: QuietOption = False,
    color: ColorOption = Color.AUTO,
) -> None:
    """Apply the available fixes, then report what is left (exit 1 if anything is)."""
    from codemods.lint import output as lint_output

    console = Console(quiet, color)
    choice = _choice(select, ignore, extend_select, exclude, extend_exclude)
    result = _lint(
        console, paths, config=config, choice=choice, fix=True, unsafe_fixes=unsafe_fixes
    )
    try:
        result.write()
    except ConftestCodemodsError as error:
        _finish(console, (str(error),), EXIT_ERROR)
    base = Path.cwd()
    _fix_notes(console, result)
    console.data(lint_output.render(result.findings, output_format.value, base), nl=False)
    fixed = sum(sum(change.codes.values()) for change in result.fixes)
    if output_format is OutputFormat.TEXT and not quiet:
        console.data(f"Fixed {fixed}, {lint_output.summary(result.findings)}")
    failed = bool(result.findings) or (exit_non_zero_on_fix and fixed > 0)
    _finish(console, result.errors, EXIT_CHANGES if failed else EXIT_OK)


def _fix_notes(console: Console, result: LintResult, *, dry_run: bool = False) -> None:
    """One note per file ``fix`` changed (or, in a dry run, would change): which fixes."""
    from codemods.diffs import display_path

    base = Path.cwd()
    wrote, fixed = ("would write", "would fix") if dry_run else ("wrote", "fixed")
    for change in result.fixes:
        shown = display_path(change.path, base)
        if not change.codes:
            console.note(f"{wrote} {shown} (a support module the fixes above need)")
            continue
        codes = ", ".join(f"{code} x{count}" for code, count in sorted(change.codes.items()))
        console.note(f"{fixed} {shown} ({codes})")


@app.command(cls=Command, epilog=_examples("rules", "rules --output-format json"))
def rules(
    output_format: Annotated[
        DataFormat, typer.Option("--output-format", help="text (one line a rule) or json.")
    ] = DataFormat.TEXT,
) -> None:
    """List every rule: code, name, whether it is fixable or opt-in, and what it finds."""
    from codemods.lint import output as lint_output
    from codemods.rules import RULES

    if output_format is DataFormat.JSON:
        typer.echo(json.dumps([lint_output.rule_data(rule) for rule in RULES], indent=2))
        return
    for rule in RULES:
        flags = (" [*]" if rule.fixable else "") + ("" if rule.default else " (opt-in)")
        typer.echo(f"{rule.code} {rule.name}{flags} - {rule.summary}")


@app.command("rule", cls=Command, epilog=_examples("rule CC003", "rule cc013 --output-format json"))
def rule_command(
    code: Annotated[
        str, typer.Argument(metavar="CODE", help="A rule code, e.g. CC003.", show_default=False)
    ],
    output_format: Annotated[
        DataFormat, typer.Option("--output-format", help="text or json.")
    ] = DataFormat.TEXT,
) -> None:
    """Explain one rule: what it finds, why it matters and how to fix it."""
    from codemods.lint import docs
    from codemods.lint import output as lint_output
    from codemods.rules import BY_CODE

    rule = BY_CODE.get(code.strip().upper())
    if rule is None:
        raise typer.BadParameter(f"no rule {code!r} (see `{PROGRAM} rules`)", param_hint="'CODE'")
    if output_format is DataFormat.JSON:
        typer.echo(json.dumps(lint_output.rule_data(rule), indent=2))
    else:
        typer.echo(docs.explain(rule), nl=False)


@app.command(
    "graph",
    cls=Command,
    epilog=_examples(
        "graph tests",
        "graph tests --output-format dot | dot -Tsvg > fixtures.svg",
        "graph tests/conftest.py --output-format json",
    ),
)
def graph_command(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="A test directory or a conftest*.py.")
    ],
    output_format: Annotated[
        GraphFormat,
        typer.Option("--output-format", help="text (a tree), json, dot or mermaid."),
    ] = GraphFormat.TEXT,
    old_format: Annotated[
        GraphFormat | None,
        typer.Option("--format", hidden=True, help="Old name of --output-format."),
    ] = None,
) -> None:
    """Print the fixture graph of PATH's conftests: layers, cycles, violations, heavy chains."""
    from codemods.graph import load_graph
    from codemods.graph_render import render_graph

    try:
        fixture_graph = load_graph(path)
    except ConftestCodemodsError as error:
        _finish(Console(), [str(error)], EXIT_ERROR)
    typer.echo(render_graph(fixture_graph, old_format or output_format), nl=False)


def _choice(
    select: list[str] | None,
    ignore: list[str] | None,
    extend: list[str] | None,
    exclude: list[str] | None,
    extend_exclude: list[str] | None,
) -> Choice:
    from codemods.lint.selection import Choice

    return Choice(
        tuple(select) if select is not None else None,
        tuple(ignore or ()),
        tuple(extend or ()),
        exclude=_split(exclude) if exclude is not None else None,
        extend_exclude=_split(extend_exclude),
    )


def _split(values: Iterable[str] | None) -> tuple[str, ...]:
    """``--opt a,b --opt c``: ``("a", "b", "c")``."""
    return tuple(
        part.strip() for value in values or () for part in value.split(",") if part.strip()
    )


def _lint(console: Console, paths: list[Path] | None, **options: Any) -> LintResult:
    from codemods.lint import lint

    typed = paths or [Path()]
    try:
        with _progress() as progress:
            result = lint(typed, progress=progress, **options)
    except ConftestCodemodsError as error:
        _finish(console, (str(error),), EXIT_ERROR)
    if not result.files:
        where = ", ".join(str(path) for path in typed)
        console.warning(f"no conftest*.py files found under {where}")
    return result


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


def _finish(console: Console, errors: Iterable[str], code: int) -> NoReturn:
    """Print the errors (one line each) and exit: 2 if there were any, else ``code``."""
    errors = list(errors)
    for error in errors:
        console.error(error)
    raise typer.Exit(EXIT_ERROR if errors else code)


@app.command(
    cls=Command,
    epilog=_examples(
        "lazy tests/conftest.py --dry-run",
        "lazy tests/conftest_base.py --heavy myapp.models --no-measure",
    ),
)
def lazy(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="The conftest.py (or layer module) to rewrite.")
    ],
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
    quiet: QuietOption = False,
    color: ColorOption = Color.AUTO,
) -> None:
    """Defer PATH's heavy module-level imports where that cannot change what runs when.

    The same as `fix PATH --select CC007`, with these options handed to the rule."""
    from dataclasses import replace

    version = _python_version(target_version)

    def adjust(settings: Settings) -> Settings:
        return replace(
            settings,
            heavy_imports=(*settings.heavy_imports, *(heavy or ())),
            measure_imports=measure,
            heavy_import_ms=settings.heavy_import_ms if threshold_ms is None else threshold_ms,
            heavy_import_mb=settings.heavy_import_mb if threshold_mb is None else threshold_mb,
            target_version=version,
            lazy_modules=lazy_modules,
            python=python,
        )

    _fix_alias(Console(quiet, color), path, "CC007", dry_run=dry_run, config=config, adjust=adjust)


def _python_version(text: str) -> tuple[int, int]:
    """``"3.15"`` -> ``(3, 15)``; anything else is a usage error."""
    major, _, minor = text.strip().partition(".")
    if not (major.isdigit() and minor.isdigit()):
        raise typer.BadParameter(
            f"{text!r} is not a Python version: pass it as 3.N, e.g. 3.15",
            param_hint="'--target-version'",
        )
    return int(major), int(minor)


def _fix_alias(
    console: Console,
    path: Path,
    code: str,
    *,
    dry_run: bool,
    config: Path | None,
    adjust: Callable[[Settings], Settings],
) -> NoReturn:
    """``fix PATH --select CODE`` for the commands that name one fix (``lazy``,
    ``profile-decorate``): ``--dry-run`` prints the diff and exits 1 when anything would
    change; what the fix leaves is told in notes, since asking for the fix is not a lint run."""
    from codemods.diffs import display_path
    from codemods.lint import lint
    from codemods.lint.selection import Choice

    choice = Choice(select=(code,))
    try:
        result = lint([path], config=config, choice=choice, fix=True, adjust=adjust)
        if dry_run:
            console.diff(result.diff())
        elif not result.errors:
            result.write()
    except ConftestCodemodsError as error:
        _finish(console, [str(error)], EXIT_ERROR)
    if result.errors:
        _finish(console, result.errors, EXIT_ERROR)
    _fix_notes(console, result, dry_run=dry_run)
    base = Path.cwd()
    for finding in result.findings:
        console.note(f"{display_path(finding.path, base)}:{finding.line}: {finding.message}")
    files = plural(len(result.fixes), "file")
    if not result.fixes:
        console.note("nothing to change")
        raise typer.Exit(EXIT_OK)
    if dry_run:
        console.note(f"would write {files} (dry run, nothing written)")
        raise typer.Exit(EXIT_CHANGES)
    console.note(f"wrote {files}")
    raise typer.Exit(EXIT_OK)


@app.command(
    cls=Command,
    epilog=_examples(
        "audit tests/conftest.py",
        "audit tests/conftest.py --output-format json --python .venv/bin/python",
    ),
)
def audit(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="The conftest.py to audit.")],
    output_format: Annotated[
        DataFormat, typer.Option("--output-format", help="text (a table) or json.")
    ] = DataFormat.TEXT,
    as_json: Annotated[
        bool, typer.Option("--json", hidden=True, help="Old name of --output-format json.")
    ] = False,
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
        _finish(Console(), [str(error)], EXIT_ERROR)
    as_json = as_json or output_format is DataFormat.JSON
    typer.echo(report.to_json() if as_json else report.table(), nl=as_json)


@app.command(cls=Command, epilog=_examples("profile", "profile tests/unit -k slow --write"))
def profile(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATHS",
            help="Test paths to run (default: the whole suite, from this directory).",
        ),
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
    from codemods.io import write_atomically

    console = Console()
    project = Path.cwd()
    arguments = [*(paths or []), *(["-k", keyword] if keyword else [])]
    try:
        measured = profiling.measure(project, arguments)
        changes = profiling.impact_changes(project, measured) if write else []
        write_atomically({change.path: change.data for change in changes})
    except ConftestCodemodsError as error:
        _finish(console, [str(error)], EXIT_ERROR)
    typer.echo(f"{'fixture':32} {'declared':10} {'measured':10} {'peak MB':>8}")
    for row in measured:
        declared = row.declared or "-"
        typer.echo(f"{row.label:32} {declared:10} {row.measured:10} {row.peak_mb:8.2f}")
    for change in changes:
        console.note(
            f"{change.path}: impact of {', '.join(change.functions)} set to the measured level"
        )
    if write:
        console.note(
            f"rewrote {plural(len(changes), 'file')}"
            if changes
            else "every declared impact matches"
        )


@app.command(
    "profile-decorate",
    cls=Command,
    epilog=_examples(
        "profile-decorate tests/conftest_base.py --dry-run",
        "profile-decorate tests/conftest_services.py",
    ),
)
def profile_decorate(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="A conftest or layer module to decorate.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "--diff", help="Print the diff, write nothing.")
    ] = False,
    config: ConfigOption = None,
    quiet: QuietOption = False,
    color: ColorOption = Color.AUTO,
) -> None:
    """Put @memory_profile on every fixture of PATH that lacks one (an already-split suite).

    The same as `fix PATH --select CC013`, which here may also bind memory_profile from the
    project's runtime (and write the runtime)."""
    from dataclasses import replace

    def adjust(settings: Settings) -> Settings:
        return replace(settings, bind_memory_profile=True)

    _fix_alias(Console(quiet, color), path, "CC013", dry_run=dry_run, config=config, adjust=adjust)


def main() -> None:
    """Run the Typer app (``codemods.entry.main`` answers ``--version`` before this)."""
    app(prog_name=PROGRAM)
