"""The root command: mistakes as one ``error:`` line and exit code 2, as ruff and black print
them, and options converted without pydantic where that is trivial (``codemods.cli_params``).

Click would print the usage, a hint and the message over three lines (Typer with rich, in a
box); a log or a pre-commit report then shows mostly noise. Here the message names the option
or argument at fault and the command whose ``--help`` explains it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer._click.exceptions import (
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    UsageError,
)
from typer.core import TyperCommand, TyperGroup

from codemods.cli_params import install
from codemods.console import Color, Console

USAGE_EXIT = 2


class _DirectConversion:
    """Gives the command's parameters, and the ``--help`` option Click makes on demand, the
    direct conversion (``codemods.cli_params``) before Click processes any of them."""

    params: list[Any]

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        install([*self.params, option])
        return option


class Command(_DirectConversion, TyperCommand):
    """Every command of the app (``@app.command(cls=Command)``)."""


class RootGroup(_DirectConversion, TyperGroup):
    """Runs in Click's non-standalone mode and reports errors itself."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except NoArgsIsHelpError as error:  # bare ``conftest-codemods``: the help, exit 2
            error.show()
            _exit(USAGE_EXIT)
        except UsageError as error:
            _report(describe(error))
            _exit(USAGE_EXIT)
        except (ClickException, typer.TyperException) as error:
            _report(error.format_message())
            _exit(error.exit_code)
        except typer.Abort:
            _report("aborted")
            _exit(1)
        _exit(code if isinstance(code, int) else 0)


def describe(error: UsageError) -> str:
    """Click's message in ruff's lower case; a mistake in the shape of the command line (not
    a bad value, whose message says what is allowed) points at the ``--help`` that explains it."""
    message = error.format_message().rstrip(".").replace("Value error, ", "")
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    bad_value = isinstance(error, BadParameter) and not isinstance(error, MissingParameter)
    if error.ctx is not None and not bad_value:
        message += f" (see `{error.ctx.command_path} --help`)"
    return message


def _report(message: str) -> None:
    Console(color=Color.AUTO).error(message)


def _exit(code: int) -> NoReturn:
    sys.stdout.flush()
    raise SystemExit(code)
