"""Which form of deferral each heavy import can take, safest first, or why it stays eager.

The forms (../shared/DESIGN.md section 5, issue 4): move the import into the functions that use
it; bind a lazy module proxy in its place; put it under ``if TYPE_CHECKING:``; on Python 3.15+
(PEP 810) a ``lazy import`` or ``__lazy_modules__``. A form is chosen only when no use of the
name is evaluated earlier or later than before; otherwise the import stays and the decision says
why. Pure: what is heavy and what is installed are passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum

from codemods.analysis.import_setup import UNUSED, is_effect_module
from codemods.analysis.imports import ImportBinding, ImportsAnalysis, Use, UseKind


class Strategy(Enum):
    MOVE_INTO_FUNCTIONS = "move into the functions that use it"
    LAZY_PROXY = "lazy module proxy"
    TYPE_CHECKING = "under `if TYPE_CHECKING:`"
    LAZY_SYNTAX = "PEP 810 `lazy import`"
    LAZY_MODULES = "PEP 810 `__lazy_modules__`"
    KEEP = "keep eager"


@dataclass(frozen=True)
class LazyOptions:
    """What the user asked for."""

    target_version: tuple[int, int] = (3, 10)
    """The oldest Python the suite runs on; 3.15+ allows PEP 810 syntax."""
    lazy_modules: bool = False
    """List deferrable imports in ``__lazy_modules__`` (inert before 3.15) instead of rewriting."""
    external_names: frozenset[str] = frozenset()
    """Names other files read from the conftest (``from conftest import np``): they stay bound."""
    effect_imports: frozenset[str] = frozenset()
    """``effect-imports``: modules imported for what importing does, on top of
    ``EFFECT_MODULES``; they stay eager."""
    import_warnings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Module -> the warnings importing it raises where the tests run
    (``codemods.plan.import_warnings``); they stay eager, so the warnings stay at start-up."""
    import_errors: Mapping[str, str] = field(default_factory=dict)
    """Module -> what importing it raised where the tests run, empty when it imported cleanly
    (the same probe); an import inside ``try:``/``except ImportError`` is deferred only when it
    is listed here as clean."""


@dataclass(frozen=True)
class Decision:
    binding: ImportBinding
    strategy: Strategy
    reason: str
    """Why this form is safe, or why the import stays eager."""
    heavy: str
    """Why the import counts as heavy."""
    needs_future: bool = False
    """The form relies on ``from __future__ import annotations``, which the module lacks."""
    needs_quotes: bool = False
    """The form relies on quoting the annotations that read the name
    (``codemods.transforms.quote_annotations``)."""


IsHeavy = Callable[[ImportBinding], "str | None"]
"""A binding -> why it is heavy (configured, or measured figures), or ``None``."""
IsAvailable = Callable[[str], bool]
"""A module name -> whether it can be found (not imported) in the environment."""
PEP_649 = (3, 14)
"""From this version on, annotations are evaluated only when something reads them."""
PEP_810 = (3, 15)


def decide(
    analysis: ImportsAnalysis, heavy: IsHeavy, available: IsAvailable, options: LazyOptions
) -> list[Decision]:
    """One decision per heavy binding, in source order (light imports are not listed).

    An import kept eager only by annotations evaluated at definition time is deferred when
    they can stop being evaluated: with ``from __future__ import annotations`` where nothing
    in the module reads annotations at run time, else by quoting them where each sits in a
    signature with no decorator but pytest's or in a module-level variable annotation. From
    Python 3.14 on (PEP 649) those annotations are evaluated only when read: nothing is
    rewritten."""
    decisions = []
    for binding in analysis.bindings:
        why_heavy = heavy(binding)
        if why_heavy is None:
            continue
        strategy, reason = _choose(binding, available, options)
        if strategy is Strategy.KEEP:
            alternative = _unevaluated(analysis, binding, available, options, why_heavy)
            if isinstance(alternative, Decision):
                decisions.append(alternative)
                continue
            reason = alternative or reason
        decisions.append(Decision(binding, strategy, reason, why_heavy))
    return decisions


def _unevaluated(
    analysis: ImportsAnalysis,
    binding: ImportBinding,
    available: IsAvailable,
    options: LazyOptions,
    why_heavy: str,
) -> Decision | str:
    """A decision that defers ``binding`` once its evaluated annotations are not evaluated any
    more, or the whole reason it stays eager when annotations are part of it (empty when they
    are not)."""
    evaluated = [use for use in binding.uses if use.kind is UseKind.EVALUATED_ANNOTATION]
    if not evaluated or options.lazy_modules or options.target_version >= PEP_810:
        return ""
    deferred = replace(
        binding,
        uses=tuple(
            replace(use, kind=UseKind.ANNOTATION) if use in evaluated else use
            for use in binding.uses
        ),
    )
    strategy, reason = _choose(deferred, available, options)
    if options.target_version < PEP_649 and not analysis.future_blocker:
        if strategy is Strategy.KEEP:
            return reason
        reason += " (once `from __future__ import annotations` is added)"
        return Decision(deferred, strategy, reason, why_heavy, needs_future=True)
    blocked = next((use for use in evaluated if not use.quotable), None)
    if blocked is not None:
        return (
            f"{_used_at_import(blocked)}, and it cannot be quoted: it spans lines, holds a "
            "string, or its function has a decorator that may read annotations or is handed "
            "around as a value"
        )
    if analysis.annotation_reader:
        reader = analysis.annotation_reader
        return f"{_used_at_import(evaluated[0])}, and it is not quoted: {reader}"
    if strategy is Strategy.KEEP:
        return reason
    if options.target_version >= PEP_649:
        reason += " (from Python 3.14 on, annotations are evaluated only when read)"
        return Decision(deferred, strategy, reason, why_heavy)
    reason += " (once its annotations are quoted)"
    return Decision(deferred, strategy, reason, why_heavy, needs_quotes=True)


def _choose(
    binding: ImportBinding, available: IsAvailable, options: LazyOptions
) -> tuple[Strategy, str]:
    if binding.in_try:
        return _choose_in_try(binding, available, options)
    refusal = _refusal(binding, available, options)
    if refusal:
        return Strategy.KEEP, refusal
    eager = next((use for use in binding.uses if use.kind.at_import), None)
    if options.lazy_modules or options.target_version >= PEP_810:
        if eager is not None:
            return Strategy.KEEP, _used_at_import(eager)
        if options.lazy_modules:
            return Strategy.LAZY_MODULES, "inert before Python 3.15, lazy from 3.15 on"
        return Strategy.LAZY_SYNTAX, "no use is evaluated while the conftest is imported"
    exported = binding.name in options.external_names
    kinds = binding.kinds()
    deferred_only = kinds <= {UseKind.FUNCTION_BODY, UseKind.ANNOTATION}
    if UseKind.FUNCTION_BODY in kinds and deferred_only and not exported:
        names = ", ".join(f"{f.name}()" for f in binding.functions())
        return Strategy.MOVE_INTO_FUNCTIONS, f"used only inside the body of {names}"
    if kinds == {UseKind.ANNOTATION} and not exported:
        return Strategy.TYPE_CHECKING, "used only in annotations that are never evaluated"
    proxy = _proxy_refusal(binding)
    if proxy is None:
        return Strategy.LAZY_PROXY, "its attributes are read only after the conftest is imported"
    if exported:
        return Strategy.KEEP, f"other files import `{binding.name}` from the conftest ({proxy})"
    return Strategy.KEEP, proxy


def _choose_in_try(
    binding: ImportBinding, available: IsAvailable, options: LazyOptions
) -> tuple[Strategy, str]:
    """An import inside a ``try:`` whose handlers catch only ImportError can only become a
    module proxy in its place: ``lazy_module`` raises ``ModuleNotFoundError`` at once where the
    module is not installed, so the handler still runs there. The one difference left, an
    installed module whose own import raises, is ruled out by importing it where the tests run
    (``import_errors``). A name no statement of the module reads but other files do (a layer
    above, through the conftest's namespace) is used: the block binds it for them."""
    if binding.name in options.external_names:
        effects = tuple(e for e in binding.side_effects if not e.startswith(UNUSED))
        binding = replace(binding, side_effects=effects)
    refusal = _refusal(binding, available, options) or _try_refusal(binding, available, options)
    if refusal:
        return Strategy.KEEP, refusal
    proxy = _proxy_refusal(binding)
    if proxy is not None:
        return Strategy.KEEP, proxy
    return Strategy.LAZY_PROXY, (
        "inside `try:`/`except ImportError`: the proxy is bound where the import was, so the "
        "except ImportError handler still runs where it is not installed (here it is, and "
        "imports cleanly)"
    )


def _try_refusal(binding: ImportBinding, available: IsAvailable, options: LazyOptions) -> str:
    """Why an import inside an optional-import ``try:`` may not become a proxy (empty: it may)."""
    if not available(binding.module):
        return (
            "inside `try:`/`except ImportError` and not installed here: importing it fails at "
            "once and the handler runs, which costs nothing"
        )
    if binding.imported is not None:
        return (
            "a `from` import inside a `try:` binds a name, which a module proxy cannot stand "
            "for (import the module there and read the name from it in the fixtures)"
        )
    if "." in binding.module:
        return (
            f"`import {binding.module}` inside a `try:`: a proxy checks only that "
            f"`{binding.module.partition('.')[0]}` is installed, so the handler would not run "
            "where the submodule is missing"
        )
    if options.lazy_modules:
        return (
            "inside a `try:`: --lazy-modules rewrites nothing, and PEP 810 keeps imports in "
            "`try:` blocks eager (without --lazy-modules it becomes a module proxy)"
        )
    error = options.import_errors.get(binding.module)
    if error:
        return (
            f"inside a `try:` and installed, but importing it raises ({error}): deferred, it "
            "would fail in the first test that uses it instead of in the handler"
        )
    if error is None:
        return (
            "inside a `try:`, and not known to import cleanly where the tests run (it was not "
            "imported there): deferred, an import error would surface in the first test that "
            "uses it instead of in the handler"
        )
    return ""


def _refusal(binding: ImportBinding, available: IsAvailable, options: LazyOptions) -> str:
    if binding.side_effects:
        return "; ".join(binding.side_effects)
    raised = options.import_warnings.get(binding.module)
    if raised:
        return (
            f"importing it warns ({raised[0]}): deferred, the warning would be raised inside "
            "the first test that uses it (recwarn, -W error) instead of at start-up"
        )
    if is_effect_module(binding.qualified, options.effect_imports) or is_effect_module(
        binding.module, options.effect_imports
    ):
        return "it is imported for what importing does (effect-imports)"
    if binding.rebound:
        return f"`{binding.name}` is bound more than once at module level"
    if binding.shares_line:
        return "it shares its line with other statements"
    if binding.in_try:
        return ""  # `_try_refusal` says why a missing module stays eager there
    if not binding.module.startswith(".") and not available(binding.module):
        return (
            "it cannot be found in this environment: deferring it would turn the conftest's "
            "import error into errors of the tests that use it"
        )
    return ""


def _proxy_refusal(binding: ImportBinding) -> str | None:
    """Why a lazy proxy would not be safe (``None`` when it is)."""
    eager = [use for use in binding.uses if use.kind.at_import]
    touched = next((use for use in eager if use.touches_attribute), None)
    if touched is not None:
        return _used_at_import(touched)
    definition = next((use for use in eager if use.kind is not UseKind.MODULE_LEVEL), None)
    if definition is not None:
        return _used_at_import(definition)
    if UseKind.LAMBDA_BODY in binding.kinds() and binding.imported is not None:
        lambda_line = next(use.line for use in binding.uses if use.kind is UseKind.LAMBDA_BODY)
        return (
            f"used in a module-level lambda at line {lambda_line}, which has no body to import in"
        )
    if binding.imported is not None:
        return "a `from` import binds an attribute, which a module proxy cannot stand for"
    if binding.module.startswith("."):
        return "a relative import"
    if "." in binding.module and not binding.has_alias:
        return f"`import {binding.module}` binds the package, not the submodule"
    return None


def _used_at_import(use: Use) -> str:
    if use.kind is UseKind.CLASS_ANNOTATION:
        where = f"the class-level annotation at line {use.line} is evaluated with its class"
        if use.reader:
            return f"{where}, and {use.reader} may read it at run time"
        return (
            f"{where} (dataclasses, pydantic, attrs, NamedTuple and TypedDict read such "
            "annotations at run time)"
        )
    return f"the {use.kind.value} at line {use.line} reads it while the conftest is imported"
