"""Hypothesis strategies that write random but valid conftest modules, for the property tests.

A generated module mixes what real conftests hold: imports (stdlib, including the ones the
classifier reads as signals: ``unittest.mock``, ``sqlite3``, ``subprocess``), constants, helper
functions and classes, fixtures of every kind (plain, yield, async, parametrized, scoped,
autouse, aliased with ``name=``, made by assignment, pinned by comment) that depend on random
earlier fixtures, hooks, ``if``/``try`` blocks and comments everywhere. Every comment carries a
unique tag so a test can count where each one went. The module always compiles and imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

IMPORTS: dict[str, str] = {
    "os": "import os",
    "sys": "import sys",
    "json": "import json",
    "sqlite3": "import sqlite3",
    "subprocess": "import subprocess",
    "mock": "from unittest import mock",
    "MagicMock": "from unittest.mock import MagicMock",
    "Path": "from pathlib import Path",
    "collections": "import collections",
    "threading": "import threading",
    "functools": "import functools",
    "pytest_asyncio": "import pytest_asyncio",
}
"""Module name -> its import statement; every name is bound only by its import."""

USES: dict[str, str] = {
    "os": 'os.environ.get("HOME", "")',
    "sys": "sys.platform",
    "json": 'json.dumps({"a": 1})',
    "sqlite3": 'sqlite3.connect(":memory:")',
    "subprocess": 'subprocess.list2cmdline(["a", "b"])',
    "mock": "mock.MagicMock()",
    "MagicMock": "MagicMock()",
    "Path": 'Path(".")',
    "collections": 'collections.Counter("abc")',
    "threading": "threading.Lock()",
    "functools": 'functools.partial(int, "1")',
}
"""An expression using each import (cheap and side-effect free at run time)."""

SCOPES = ("function", "module", "session")
HOOKS: dict[str, str] = {
    "pytest_configure": (
        "def pytest_configure(config):{c}\n"
        '    config.addinivalue_line("markers", "generated: a marker a hook registers")\n'
    ),
    "pytest_addoption": (
        'def pytest_addoption(parser):{c}\n    parser.addoption("--gen-flag", default="off")\n'
    ),
    "pytest_collection_modifyitems": (
        "def pytest_collection_modifyitems(config, items):{c}\n"
        "    items.sort(key=lambda item: item.nodeid)\n"
    ),
    "pytest_report_header": 'def pytest_report_header(config):{c}\n    return "generated"\n',
    "pytest_runtest_setup": "def pytest_runtest_setup(item):{c}\n    pass\n",
}


@dataclass
class Module:
    """A conftest being generated: its units so far and what later units may refer to."""

    units: list[str] = field(default_factory=list)
    imported: list[str] = field(default_factory=list)
    constants: list[str] = field(default_factory=list)
    list_constants: list[str] = field(default_factory=list)
    helpers: list[str] = field(default_factory=list)
    fixtures: dict[str, str] = field(default_factory=dict)
    """Requestable fixture name -> scope."""
    hooks: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)
    import_comments: list[str] = field(default_factory=list)
    """Tags of comments on imports (an import may be copied to several layers)."""
    counter: int = 0

    def fresh(self) -> int:
        self.counter += 1
        return self.counter

    def comment(self, draw: st.DrawFn, on_import: bool = False, *, inline: bool = False) -> str:
        """Maybe a unique comment: ``"  # cN ..."`` inline, or a ``"# cN ...\\n"`` line."""
        if not draw(st.booleans()):
            return ""
        tag = f"c{self.fresh()}"
        (self.import_comments if on_import else self.comments).append(tag)
        text = draw(st.sampled_from(["note", "TODO: tidy", "keep", "see docs", "conftest: ok"]))
        return f"  # {tag} {text}" if inline else f"# {tag} {text}\n"

    def use(self, draw: st.DrawFn) -> str:
        """An expression over what is defined so far (imports, constants, helpers)."""
        options = [USES[name] for name in self.imported if name in USES]
        options += self.constants + [f"{helper}(1)" for helper in self.helpers]
        return draw(st.sampled_from(options)) if options else "None"


@st.composite
def conftest_modules(draw: st.DrawFn, max_units: int = 14) -> tuple[str, Module]:
    """``(source, module)``: a random conftest and the facts about it."""
    module = Module()
    head = []
    if draw(st.booleans()):
        head.append(f'"""Generated conftest {draw(st.integers(0, 99))}."""\n')
    if draw(st.booleans()):
        head.append("from __future__ import annotations\n")
    head.append(module.comment(draw, on_import=True) + "import pytest\n")
    signals = ["mock", "sqlite3", "subprocess"]
    chosen = draw(st.lists(st.sampled_from(signals), unique=True, max_size=3))
    chosen += draw(st.lists(st.sampled_from(sorted(set(IMPORTS) - set(signals))), max_size=5))
    for name in draw(st.permutations(sorted(set(chosen)))):
        module.imported.append(name)
        module.units.append(module.comment(draw, on_import=True) + IMPORTS[name] + "\n")
    makers = [constant, helper, fixture, fixture, fixture, hook, if_block, try_block, late_import]
    makers += [oddity]
    for _ in range(draw(st.integers(1, max_units))):
        unit = draw(st.sampled_from(makers))(draw, module)
        if unit:
            module.units.append(unit)
    if draw(st.booleans()):
        module.units.append(f"# c{module.fresh()} end of file\n")
        module.comments.append(f"c{module.counter}")
    separator = draw(st.sampled_from(["\n", "\n\n", "\n\n\n"]))
    source = "".join(head) + "\n" + separator.join(module.units)
    return source, module


def constant(draw: st.DrawFn, module: Module) -> str:
    number = module.fresh()
    if draw(st.booleans()):
        name = f"PARAMS_{number}"
        values = draw(st.lists(st.integers(0, 9), min_size=1, max_size=3, unique=True))
        module.list_constants.append(name)
        value = repr(values)
    else:
        name = f"CONST_{number}"
        value = draw(st.sampled_from(['"text"', "42", "(1, 2)", "{'k': 1}"]))
        if module.imported and draw(st.booleans()):
            value = module.use(draw)
    unit = f"{module.comment(draw)}{name} = {value}{module.comment(draw, inline=True)}\n"
    module.constants.append(name)
    return unit


def helper(draw: st.DrawFn, module: Module) -> str:
    number = module.fresh()
    body = module.use(draw)
    lead = module.comment(draw)
    if draw(st.booleans()):
        name = f"helper_{number}"
        module.helpers.append(name)
        inner = module.comment(draw).replace("# ", "    # ", 1)
        return f"{lead}def {name}(value):\n{inner}    return [value, {body}]\n"
    name = f"Helper{number}"
    module.helpers.append(name)
    return (
        f"{lead}class {name}:\n"
        f'    """A helper class."""\n\n'
        f"    def __init__(self, value):\n        self.value = value\n\n"
        f"    def make(self):{module.comment(draw, inline=True)}\n        return {body}\n"
    )


def fixture(draw: st.DrawFn, module: Module) -> str:
    """A fixture of a random kind, requesting random earlier fixtures of a wide enough scope."""
    number = module.fresh()
    scope = draw(st.sampled_from(SCOPES))
    allowed = [n for n, s in module.fixtures.items() if SCOPES.index(s) >= SCOPES.index(scope)]
    deps = draw(st.lists(st.sampled_from(allowed), unique=True, max_size=3)) if allowed else []
    if scope == "function" and draw(st.booleans()):
        builtins = [n for n in ("request", "tmp_path", "monkeypatch") if n not in deps]
        deps.append(draw(st.sampled_from(builtins)))
    arguments = []
    if scope != "function":
        arguments.append(f'scope="{scope}"')
    if draw(st.integers(0, 5)) == 0:
        arguments.append("autouse=True")
    if draw(st.integers(0, 3)) == 0:
        source = draw(st.sampled_from(module.list_constants or ["[1, 2]"]))
        arguments.append(f"params={source}")
        if "request" not in deps:
            deps.append("request")
    prefix = draw(st.sampled_from(["fx", "fx", "mock", "fake", "db", "redis", "e2e", "browser"]))
    name = f"{prefix}_{number}"
    requested = name
    if draw(st.integers(0, 5)) == 0:
        requested = f"alias_{number}"
        arguments.append(f'name="{requested}"')
    kind = draw(st.sampled_from(["return", "yield", "return", "async", "assigned"]))
    if kind == "async" and "pytest_asyncio" not in module.imported:
        kind = "return"
    body = module.use(draw)
    if "request" in deps and draw(st.booleans()):
        earlier = [n for n, s in module.fixtures.items() if s == "session"]
        if earlier:
            body = f'request.getfixturevalue("{draw(st.sampled_from(earlier))}")'
    lead = module.comment(draw)
    if draw(st.integers(0, 6)) == 0:
        layer = draw(st.sampled_from(["base", "mocks", "services", "e2e"]))
        lead += f"# conftest: {layer}\n"
    inner = module.comment(draw).replace("# ", "    # ", 1)
    signature = ", ".join(deps)
    if kind == "assigned":
        if "name=" in " ".join(arguments):
            arguments = [a for a in arguments if not a.startswith("name=")]
            requested = name
        extra = f", {', '.join(arguments)}" if arguments else ""
        text = (
            f"{lead}def _make_{number}({signature}):\n{inner}    return {body}\n\n\n"
            f"{name} = pytest.fixture(_make_{number}{extra})\n"
        )
    else:
        decorator = "@pytest_asyncio.fixture" if kind == "async" else "@pytest.fixture"
        if arguments:
            decorator += f"({', '.join(arguments)})"
        elif draw(st.booleans()):
            decorator += "()"
        if draw(st.integers(0, 5)) == 0:
            decorator += f"\n# c{module.fresh()} between the decorator and the def"
            module.comments.append(f"c{module.counter}")
        keyword = "async def" if kind == "async" else "def"
        statement = "yield" if kind == "yield" or draw(st.integers(0, 4)) == 0 else "return"
        after = "    _ = None  # teardown\n" if statement == "yield" else ""
        text = (
            f"{lead}{decorator}\n{keyword} {name}({signature}):"
            f"{module.comment(draw, inline=True)}\n{inner}    {statement} {body}\n{after}"
        )
    module.fixtures[requested] = scope
    return text


def hook(draw: st.DrawFn, module: Module) -> str:
    free = sorted(set(HOOKS) - module.hooks)
    if not free:
        return ""
    name = draw(st.sampled_from(free))
    module.hooks.add(name)
    wrapper = "@pytest.hookimpl(tryfirst=True)\n" if draw(st.integers(0, 3)) == 0 else ""
    text = HOOKS[name].format(c=module.comment(draw, inline=True))
    return module.comment(draw) + wrapper + text


def if_block(draw: st.DrawFn, module: Module) -> str:
    number = module.fresh()
    test = "sys.version_info >= (3, 8)" if "sys" in module.imported else "True"
    name = f"FLAG_{number}"
    module.constants.append(name)
    text = (
        f"{module.comment(draw)}if {test}:{module.comment(draw, inline=True)}\n"
        f"    {name} = 1\nelse:\n    {name} = 2\n"
    )
    if draw(st.booleans()):
        # A fixture defined inside the block: the block is one unit and moves as a whole.
        fixture_name = f"fx_{module.fresh()}"
        text += f"\nif {name}:\n\n    @pytest.fixture\n    def {fixture_name}():\n"
        text += f"        return {name}\n"
        module.fixtures[fixture_name] = "function"
    return text


def try_block(draw: st.DrawFn, module: Module) -> str:
    number = module.fresh()
    name = f"_json_{number}"
    module.constants.append(name)
    return (
        f"{module.comment(draw)}try:\n    import json as {name}\n"
        f"except ImportError:{module.comment(draw, inline=True)}\n    {name} = None\n"
    )


def late_import(draw: st.DrawFn, module: Module) -> str:
    """An import after other units, used only inside function bodies (if at all)."""
    free = sorted(set(IMPORTS) - set(module.imported))
    if not free:
        return ""
    name = draw(st.sampled_from(free))
    module.imported.append(name)
    return module.comment(draw, on_import=True) + IMPORTS[name] + "\n"


def oddity(draw: st.DrawFn, module: Module) -> str:
    """Spellings that trip up tools: each is valid Python that real conftests contain."""
    number = module.fresh()
    choice = draw(st.integers(0, 6))
    if choice == 0 and "tmp_path" not in module.fixtures:
        # Overrides a builtin fixture with one that requests the builtin.
        module.fixtures["tmp_path"] = "function"
        return (
            f"{module.comment(draw)}@pytest.fixture\ndef tmp_path(tmp_path):\n    return tmp_path\n"
        )
    if choice == 1:
        # Module state rebound by a helper through ``global``.
        module.constants.append(f"COUNTER_{number}")
        module.helpers.append(f"bump_{number}")
        return (
            f"{module.comment(draw)}COUNTER_{number} = 0\n\n\n"
            f"def bump_{number}(step):\n    global COUNTER_{number}\n"
            f"    COUNTER_{number} += step\n    return COUNTER_{number}\n"
        )
    if choice == 2 and "functools" in module.imported:
        # A decorator evaluated at import time, using an import.
        module.helpers.append(f"cached_{number}")
        return (
            f"{module.comment(draw)}@functools.lru_cache(maxsize=None)\n"
            f"def cached_{number}(value):\n    return value\n"
        )
    if choice == 3:
        # A fixture factory: the fixture is made by a call, not a decorator.
        name = f"made_{number}"
        module.fixtures[name] = "function"
        return (
            f"{module.comment(draw)}def make_fixture_{number}(value):\n"
            f"    @pytest.fixture\n    def _fixture():\n        return value\n\n"
            f"    return _fixture\n\n\n{name} = make_fixture_{number}({number})\n"
        )
    if choice == 4:
        # Several statements on one line, and a backslash continuation.
        module.constants += [f"LEFT_{number}", f"RIGHT_{number}"]
        return (
            f"{module.comment(draw)}LEFT_{number} = 1; RIGHT_{number} = \\\n    2"
            f"{module.comment(draw, inline=True)}\n"
        )
    if choice == 5 and module.fixtures:
        # A computed ``getfixturevalue``: every fixture must then stay always loaded.
        name = f"pick_{number}"
        options = sorted(module.fixtures)
        module.fixtures[name] = "function"
        return (
            f"{module.comment(draw)}@pytest.fixture\ndef {name}(request):\n"
            f"    names = {options!r}\n    return request.getfixturevalue(names[0])\n"
        )
    if "Path" in module.imported:
        # An import used only in an annotation.
        module.helpers.append(f"annotated_{number}")
        return f"{module.comment(draw)}def annotated_{number}(value) -> Path:\n    return value\n"
    return ""
