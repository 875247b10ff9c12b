"""Where the names that module-level imports bind are read, and when Python evaluates each read.

``symtable`` (CPython's own scoping, computed in C) says whether a name in a function, class,
lambda or comprehension refers to the module's binding; an ``ast`` walk says where each read
sits. String annotations (and the string arguments of ``typing.cast``, ``TypeVar``, ``NewType``
and ``typing`` subscripts) are parsed and read too, each found name placed at the string, as
libcst's scope analysis did before. A read of ``a.b.c`` after ``import a.b`` uses the name
``a`` that the import binds (``find_reads`` names it ``a.b``, as libcst did). A module-level
read placed before the import does not use it.

``find_reads`` walks the same way for every name, for the model's name index; there a read
also reaches past a local binding libcst ordered after it (see ``_ReadFinder``).
"""

from __future__ import annotations

import ast
import symtable
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from codemods.analysis.annotations import (
    PYTEST_DECORATOR_ROOTS,
    decorator_root,
    escaping_functions,
    quotable_annotation,
)
from codemods.analysis.global_names import (
    GlobalNames,
    Position,
    full_name,
    global_bindings,
)

_TYPE_HINT_CALLS = frozenset({"typing.NewType", "typing.TypeVar"})
_LITERALS = frozenset({"typing.Literal", "typing_extensions.Literal"})
_Comprehension = ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp
_COMPREHENSION_NAMES = {
    ast.ListComp: "listcomp",
    ast.SetComp: "setcomp",
    ast.DictComp: "dictcomp",
    ast.GeneratorExp: "genexpr",
}


class UseKind(Enum):
    """Where a use sits, i.e. when Python evaluates it."""

    FUNCTION_BODY = "function body"
    """Runs when the function is called (never while the conftest is imported)."""
    LAMBDA_BODY = "lambda body"
    """Deferred too, but a lambda has no body an import statement could go into."""
    ANNOTATION = "annotation"
    """Never evaluated: a string, or ``from __future__ import annotations`` is on."""
    MODULE_LEVEL = "module-level code"
    DECORATOR = "decorator"
    DEFAULT = "default argument"
    BASE_CLASS = "base class"
    CLASS_BODY = "class body"
    EVALUATED_ANNOTATION = "annotation evaluated at definition time"
    CLASS_ANNOTATION = "class-level annotation"
    """``x: T`` in a class body: evaluated with the class (unless the future import is on) and
    read at run time by dataclasses, pydantic, attrs, ``NamedTuple`` and ``TypedDict``."""

    @property
    def at_import(self) -> bool:
        """Whether the use is evaluated while the conftest module is imported."""
        return self not in (UseKind.FUNCTION_BODY, UseKind.LAMBDA_BODY, UseKind.ANNOTATION)


@dataclass(frozen=True)
class FunctionRef:
    """A ``def`` of the module, named so that a libcst tree of the same text finds it again:
    ``ordinal`` counts every ``def``/``async def`` before it in source (pre-)order."""

    ordinal: int
    name: str


@dataclass(frozen=True)
class Use:
    kind: UseKind
    line: int
    function: FunctionRef | None
    """The innermost ``def`` whose body holds the use (for ``FUNCTION_BODY``)."""
    touches_attribute: bool
    """``x.attr``, ``x()`` or ``x[...]``: the module itself is needed, not just its name."""
    function_name: str = ""
    quotable: bool = False
    """An ``EVALUATED_ANNOTATION`` that may be quoted: a signature annotation of a ``def``
    that carries no decorator but pytest's, or a module-level variable annotation, on one
    line and holding no string (``codemods.transforms.quote_annotations`` quotes it)."""
    reader: str = ""
    """For a ``CLASS_ANNOTATION``: what reads the class's annotations (its first decorator or
    base class, as written), when it has one."""


@dataclass(frozen=True)
class FoundUse:
    use: Use
    statement: int | None
    """The top-level ``ast`` statement of a read in the module scope itself (only imports in
    earlier statements can be read there); ``None`` for reads in nested scopes."""


def find_uses(
    tree: ast.Module, source: str, names: frozenset[str], future: bool, module: GlobalNames
) -> dict[str, list[FoundUse]]:
    """Every read of ``names`` that refers to the module scope's binding, by name."""
    finder = _Finder(_symbols(source), names, future, module)
    finder.escaping = escaping_functions(tree)
    _walk(finder, tree)
    return finder.found


def _symbols(source: str) -> symtable.SymbolTable:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an invalid escape such as "\d" warns
        return symtable.symtable(source, "<conftest>", "exec")


def _walk(finder: _Finder, tree: ast.Module) -> None:
    """Visit each top-level statement, telling ``finder`` which one it is in."""
    for index, statement in enumerate(tree.body):
        finder.statement = index
        finder.visit(statement)


@dataclass
class _Frame:
    table: symtable.SymbolTable | None
    """``None`` inside a string annotation, whose scopes CPython never saw."""
    node: ast.AST | None
    children: dict[tuple[str, int], list[symtable.SymbolTable]]
    inlined: frozenset[str] = frozenset()
    """For a comprehension without a table of its own (Python 3.12+ inlines them, PEP 709;
    and any in a string annotation): the names its ``for`` clauses bind."""


class _Finder:
    """One pass over the tree; the attributes are the context of the node being visited."""

    def __init__(
        self, table: symtable.SymbolTable, names: frozenset[str], future: bool, module: GlobalNames
    ) -> None:
        self.frames = [_frame(table, None)]
        self.names = names
        self.future = future
        self.module = module
        self.dotted = frozenset(name for name in module.counts if "." in name)
        self.found: dict[str, list[FoundUse]] = {}
        self.statement = 0
        self.ordinal = 0
        self.function: FunctionRef | None = None
        self.deferred = self.in_class = self.annotation = self.hint = self.attribute = False
        self.signature = self.quotable = False
        self.class_reader = ""
        self.escaping: frozenset[str] = frozenset()
        """Functions read other than by a call (``escaping_functions``): never quoted."""
        self.position: UseKind | None = None
        self.literal = 0
        self.chain: tuple[ast.Name, str] | None = None
        self.string: tuple[ast.Constant, bool] | None = None
        self.scope_bindings: dict[int, dict[str, Position]] = {}

    def visit(self, node: ast.AST) -> None:
        handler = _HANDLERS.get(type(node))
        if handler is not None:
            handler(self, node)
        else:
            for child in ast.iter_child_nodes(node):
                self.visit(child)

    def _set(self, **changes: object) -> dict[str, object]:
        saved = {name: getattr(self, name) for name in changes}
        self.__dict__.update(changes)
        return saved

    def _under(self, nodes: Sequence[ast.AST | None], **changes: object) -> None:
        saved = self._set(**changes)
        for node in nodes:
            if node is not None:
                self.visit(node)
        self.__dict__.update(saved)

    def _touched(self, node: ast.expr) -> None:
        """``node`` as the object of an attribute, call or subscript."""
        if isinstance(node, ast.Name):
            self._read(node, touches=True)
        elif isinstance(node, ast.Constant):
            self._string(node, touches=True)
        else:
            self.visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        self._read(node, touches=False)

    def visit_Constant(self, node: ast.Constant) -> None:
        self._string(node, touches=False)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                self._under([value.value, value.format_spec])

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if self.attribute:
            self._touched(node.value)
            return
        root, dotted = _pure_chain(node)
        saved = self._set(attribute=True, chain=None if root is None else (root, dotted))
        self._touched(node.value)
        self.__dict__.update(saved)

    def visit_Call(self, node: ast.Call) -> None:
        saved = self._set(attribute=False, chain=None, hint=False)
        name = full_name(node.func)
        qualified = self.module.qualified(name) if name else set()
        self._touched(node.func)
        arguments: list[ast.expr] = [*node.args, *(keyword.value for keyword in node.keywords)]
        if qualified & _TYPE_HINT_CALLS:
            self._under([arguments[0]] if arguments else [])
            self._under(arguments[1:], hint=True)
        elif "typing.cast" in qualified and arguments:
            self._under(arguments[:1], hint=True)
            self._under(arguments[1:])
        else:
            self._under(arguments)
        self.__dict__.update(saved)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        qualified: set[str] = set()
        if isinstance(node.value, ast.Name) and self._resolve(node.value) is not None:
            qualified = self.module.qualified(node.value.id)
        hint = any(name.startswith(("typing.", "typing_extensions.")) for name in qualified)
        saved = self._set(hint=hint, literal=self.literal + bool(qualified & _LITERALS))
        self._touched(node.value)
        self.visit(node.slice)
        self.__dict__.update(saved)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.visit(node.target)
        quotable = len(self.frames) == 1 and quotable_annotation(node.annotation)
        self._under([node.annotation], annotation=True, quotable=quotable)
        self._under([node.value])

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        ref = FunctionRef(self.ordinal, node.name)
        self.ordinal += 1
        self._under(node.decorator_list, position=UseKind.DECORATOR)
        self._defaults(node.args)
        arguments = node.args
        annotated = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        annotated += [arg for arg in (arguments.vararg, arguments.kwarg) if arg is not None]
        pytest_only = all(decorator_root(d) in PYTEST_DECORATOR_ROOTS for d in node.decorator_list)
        pytest_only = pytest_only and node.name not in self.escaping
        for annotation in [*(arg.annotation for arg in annotated), node.returns]:
            if annotation is not None:
                quotable = pytest_only and quotable_annotation(annotation)
                self._under([annotation], annotation=True, signature=True, quotable=quotable)
        self._scope(node, node.body, node.name, function=ref, deferred=True)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._defaults(node.args)
        self._scope(node, [node.body], "lambda", deferred=True)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._under(node.decorator_list, position=UseKind.DECORATOR)
        bases = [*node.bases, *(keyword.value for keyword in node.keywords)]
        self._under(bases, position=UseKind.BASE_CLASS)
        reader = next(iter([*node.decorator_list, *node.bases]), None)
        described = f"`{ast.unparse(reader)}`" if reader is not None else ""
        self._scope(node, node.body, node.name, in_class=True, class_reader=described)

    def _comprehension(self, node: _Comprehension) -> None:
        first, *others = node.generators
        self.visit(first.iter)
        inner: list[ast.AST] = [first.target, *first.ifs, *others]
        inner += [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        self._scope(node, inner, _COMPREHENSION_NAMES[type(node)])

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension

    def _defaults(self, arguments: ast.arguments) -> None:
        self._under([*arguments.defaults, *arguments.kw_defaults], position=UseKind.DEFAULT)

    def _scope(self, node: ast.AST, body: Sequence[ast.AST], name: str, **changes: object) -> None:
        """Visit ``body`` in the scope ``node`` opens."""
        parent = self.frames[-1]
        table = None
        if self.string is None:
            table = _child(parent, name, getattr(node, "lineno", 0))
        frame = _frame(table, node)
        if table is None and isinstance(node, _Comprehension):
            # an inlined comprehension's nested scopes are tables of the enclosing one
            targets = (_stored(generator.target) for generator in node.generators)
            frame = _Frame(None, node, parent.children, frozenset().union(*targets))
        self.frames.append(frame)
        self._under(body, **changes)
        self.frames.pop()

    def _string(self, node: ast.Constant, touches: bool) -> None:
        """A string in an annotation or type hint: read the names in it, placed at it."""
        if not isinstance(node.value, str | bytes) or not node.value:
            return
        if not (self.hint or self.annotation) or self.literal:
            return
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                parsed = ast.parse(node.value)
        except (SyntaxError, ValueError):
            return  # not Python: a plain string, as libcst treated it
        outer = self.string or (node, touches)
        self._under(parsed.body, string=outer, chain=None, attribute=False)

    def _read(self, node: ast.Name, touches: bool) -> None:
        if node.id not in self.names or isinstance(node.ctx, ast.Store):
            return
        statement = self._resolve(node)
        if statement is None:
            return
        line = node.lineno
        if self.string is not None:
            line, touches = self.string[0].lineno, self.string[1]
        use = self._use(line, touches)
        found = FoundUse(use, None if statement < 0 else statement)
        self.found.setdefault(node.id, []).append(found)

    def _use(self, line: int, touches: bool) -> Use:
        if self.deferred:
            if self.function is None:
                return Use(UseKind.LAMBDA_BODY, line, None, touches)
            return Use(UseKind.FUNCTION_BODY, line, self.function, touches, self.function.name)
        if self.annotation and (self.signature or not self.in_class):
            never = self.future or self.string is not None
            kind = UseKind.ANNOTATION if never else UseKind.EVALUATED_ANNOTATION
            return Use(kind, line, None, touches, quotable=self.quotable and not never)
        if self.annotation:
            return Use(UseKind.CLASS_ANNOTATION, line, None, touches, reader=self.class_reader)
        kind = self.position or (UseKind.CLASS_BODY if self.in_class else UseKind.MODULE_LEVEL)
        return Use(kind, line, None, touches)

    def _resolve(self, node: ast.Name) -> int | None:
        """The module-scope statement index of a read in the module scope, ``-1`` for a read
        of the module's binding from a nested scope, ``None`` for a read of another binding."""
        innermost = len(self.frames) - 1
        for depth in range(innermost, -1, -1):
            frame = self.frames[depth]
            if frame.node is None:
                return self.statement if depth == innermost else -1
            if frame.table is None:
                if node.id in frame.inlined and not self._before_local_binding(frame, node, None):
                    return None
                continue
            is_class = isinstance(frame.node, ast.ClassDef)
            if is_class and depth != innermost:
                continue
            symbol = _lookup(frame.table, node.id)
            if symbol is None:
                continue
            if symbol.is_global():
                return -1
            if symbol.is_local() and self._before_local_binding(frame, node, symbol):
                continue
            return None
        return -1

    def _before_local_binding(
        self, frame: _Frame, node: ast.Name, symbol: symtable.Symbol | None
    ) -> bool:
        """Whether a read in a class body runs before the class binds the name (Python then
        reads the enclosing binding)."""
        if not isinstance(frame.node, ast.ClassDef):
            return False
        return self._before_settled(frame.node, frame.node.body, node)

    def _before_settled(self, scope: ast.AST, body: Sequence[ast.AST], node: ast.Name) -> bool:
        """Whether ``node`` sits before the first binding of its name in the scope ``scope``
        (whose own statements are ``body``) is settled, as libcst orders them."""
        bindings = self.scope_bindings.get(id(scope))
        if bindings is None:
            bindings = self.scope_bindings[id(scope)] = _first_settled(body)
        where = self.string[0] if self.string is not None else node
        end = bindings.get(node.id)
        return end is None or (where.lineno, where.col_offset) < end


def _frame(table: symtable.SymbolTable | None, node: ast.AST | None) -> _Frame:
    children: dict[tuple[str, int], list[symtable.SymbolTable]] = {}
    for child in _tables(table):
        children.setdefault((child.get_name(), child.get_lineno()), []).append(child)
    return _Frame(table, node, children)


def _tables(table: symtable.SymbolTable | None) -> Iterator[symtable.SymbolTable]:
    """The function, class, lambda and comprehension tables directly inside ``table`` (looking
    through the annotation and type-parameter scopes of newer Pythons)."""
    for child in table.get_children() if table is not None else ():
        if str(child.get_type()) in ("function", "class"):
            yield child
        else:
            yield from _tables(child)


def _child(frame: _Frame, name: str, line: int) -> symtable.SymbolTable | None:
    candidates = frame.children.get((name, line))
    return candidates.pop(0) if candidates else None


def _lookup(table: symtable.SymbolTable, name: str) -> symtable.Symbol | None:
    try:
        return table.lookup(name)
    except KeyError:
        return None


def _pure_chain(node: ast.Attribute) -> tuple[ast.Name | None, str]:
    """The root name of ``a.b.c`` and the dotted text (``None`` when it is not plain names)."""
    parts = [node.attr]
    value = node.value
    while isinstance(value, ast.Attribute):
        parts.append(value.attr)
        value = value.value
    if not isinstance(value, ast.Name):
        return None, ""
    return value, ".".join([value.id, *reversed(parts)])


def _first_settled(body: Sequence[ast.AST]) -> dict[str, Position]:
    """Name -> where the first binding of it in a scope whose statements are ``body`` settles."""
    first: dict[str, Position] = {}
    for binding in global_bindings(body, inside=False):
        known = first.get(binding.name)
        if known is None or binding.settled < known:
            first[binding.name] = binding.settled
    return first


_HANDLERS: dict[type[ast.AST], Callable[[_Finder, Any], None]] = {
    node_type: getattr(_Finder, f"visit_{node_type.__name__}")
    for node_type in (
        ast.Name, ast.Constant, ast.JoinedStr, ast.Attribute, ast.Call, ast.Subscript,
        ast.AnnAssign, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef,
        ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
    )
}  # fmt: skip
"""Node type -> its visitor (every other node: its children are visited)."""


@dataclass(frozen=True)
class Read:
    """A read of a name in a module-scope binding's reach, placed in its top-level statement."""

    name: str
    """Dotted (``a.b``) when the read starts an attribute chain with a name ``import a.b``
    binds, as libcst names the access."""
    statement: int
    """The index of the top-level ``ast`` statement holding the read."""
    module_scope: bool
    """Read in the module scope itself, where only bindings settled before it count."""
    eager: bool
    """Evaluated while the module is imported (not in a function or lambda body)."""
    position: Position
    in_string: bool
    """Found in a string annotation (libcst places it at the string, not at a name)."""


def find_reads(tree: ast.Module, source: str, module: GlobalNames) -> list[Read]:
    """Every read, anywhere in ``tree``, that reaches past its function's, class's, lambda's
    and comprehension's own bindings: to the module scope's binding, a builtin or nothing."""
    finder = _ReadFinder(_symbols(source), frozenset(), False, module)
    _walk(finder, tree)
    return finder.reads


class _ReadFinder(_Finder):
    """``_Finder`` recording every read that is not of a local binding."""

    def __init__(
        self, table: symtable.SymbolTable, names: frozenset[str], future: bool, module: GlobalNames
    ) -> None:
        super().__init__(table, names, future, module)
        self.reads: list[Read] = []

    def _read(self, node: ast.Name, touches: bool) -> None:
        if isinstance(node.ctx, ast.Store):
            return
        statement = self._resolve(node)
        if statement is None:
            return
        name = node.id
        if self.chain is not None and self.chain[0] is node:
            parts = self.chain[1].split(".")
            for cut in range(len(parts), 1, -1):
                if ".".join(parts[:cut]) in self.dotted:
                    name = ".".join(parts[:cut])
                    break
        where = self.string[0] if self.string is not None else node
        self.reads.append(
            Read(
                name,
                self.statement,
                statement >= 0,
                not self.deferred,
                (where.lineno, where.col_offset),
                self.string is not None,
            )
        )

    def _before_local_binding(
        self, frame: _Frame, node: ast.Name, symbol: symtable.Symbol | None
    ) -> bool:
        """libcst also reads past a function's or comprehension's own binding when the read
        comes before it: in a function, before the binding settles (a read-before-assignment
        error at run time); in a comprehension, in a later ``for`` clause or its condition,
        which do not see their own targets yet."""
        scope = frame.node
        if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
            parameter = symbol is not None and symbol.is_parameter()
            return not parameter and self._before_settled(scope, scope.body, node)
        if isinstance(scope, _Comprehension):
            return _late_target(scope, node)
        return super()._before_local_binding(frame, node, symbol)


def _late_target(node: _Comprehension, read: ast.Name) -> bool:
    """Whether ``read`` sits in the second or a later clause of ``node`` and names a target
    only those clauses bind."""
    first, *others = node.generators
    if not others or read.id in _stored(first.target):
        return False
    start = others[0].target
    return (read.lineno, read.col_offset) >= (start.lineno, start.col_offset)


def _stored(target: ast.expr) -> set[str]:
    return {
        child.id
        for child in ast.walk(target)
        if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store)
    }
