"""Which module-level names each unit binds and reads, from the ``ast`` and ``symtable``.

Each read is attributed to the unit that holds it: names evaluated in the module scope are
owned by the statement they sit in; names inside a function, class body, lambda or
comprehension are owned by the top-level statement holding that scope. The facts are those
libcst's scope analysis gave before (the model's edges were built on them): a module-scope read
sees only the bindings settled before it, a read in a nested scope sees every module binding,
and a string annotation is read like code.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass, field

from codemods.analysis.global_names import Binding, GlobalNames, Position, gather, global_bindings
from codemods.analysis.name_uses import Read, find_reads
from codemods.analysis.statements import statement_units


@dataclass
class UnitNames:
    """What one top-level statement binds and reads; ``eager_*`` are the reads evaluated while
    the module is imported, ``unresolved`` names nothing binds (dunders aside), ``uses`` the
    qualified names of the imports it reads."""

    binds: set[str] = field(default_factory=set)
    reads: set[str] = field(default_factory=set)
    eager_reads: set[str] = field(default_factory=set)
    unresolved: set[str] = field(default_factory=set)
    eager_unresolved: set[str] = field(default_factory=set)
    global_rebinds: set[str] = field(default_factory=set)
    uses: set[str] = field(default_factory=set)


def index_names(tree: ast.Module, source: str) -> list[UnitNames]:
    """Attribute every module-level binding and read of ``tree`` (parsed from ``source``) to
    its unit, one ``UnitNames`` per libcst top-level statement."""
    owner = [unit.index for unit in statement_units(tree, source) for _ in unit.statements]
    units = [UnitNames() for _ in range(owner[-1] + 1 if owner else 0)]
    bindings: list[Binding] = []
    for index, statement in enumerate(tree.body):
        for binding in global_bindings([statement], inside="global" in source):
            units[owner[index]].binds.add(binding.name)
            if binding.in_function:
                units[owner[index]].global_rebinds.add(binding.name)
            bindings.append(binding)
    settled: dict[str, list[Position]] = {}
    for binding in bindings:
        settled.setdefault(binding.name, []).append(binding.settled)
    module = gather(bindings)
    for read in find_reads(tree, source, module):
        _record(read, units[owner[read.statement]], settled, module)
    return units


def _record(
    read: Read, facts: UnitNames, settled: dict[str, list[Position]], module: GlobalNames
) -> None:
    """A read sees the module's bindings (in the module scope, those settled before it), else
    a builtin, else nothing: unresolved, unless libcst had no name node to report (a dotted
    access or a string annotation)."""
    name = read.name
    seen = [end for end in settled.get(name, ()) if not read.module_scope or end <= read.position]
    if not seen:
        if "." in name or read.in_string or hasattr(builtins, name):
            return
        if not (name.startswith("__") and name.endswith("__")):
            facts.unresolved.add(name)
            if read.eager:
                facts.eager_unresolved.add(name)
        return
    facts.reads.add(name)
    if read.eager:
        facts.eager_reads.add(name)
    facts.uses |= module.imported_as(name, read.position if read.module_scope else None)
