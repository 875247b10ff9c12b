"""``make_imports_lazy``: each strategy, each refusal, and idempotence, on exact strings."""

from __future__ import annotations

import textwrap

import pytest

from codemods.lazy import LazyOutcome, make_imports_lazy
from codemods.plan.lazy_imports import LazyOptions, Strategy

HEAVY = ("numpy", "pandas", "decimal", "fractions", "xml", "setuptools")


def lazy(source: str, options: LazyOptions | None = None, missing: str = "") -> LazyOutcome:
    """Run the transform, check the result compiles and that a second run changes nothing."""

    def available(module: str) -> bool:
        return module.partition(".")[0] != missing

    outcome = make_imports_lazy(
        textwrap.dedent(source), heavy=HEAVY, available=available, options=options
    )
    if (options or LazyOptions()).target_version < (3, 15):
        compile(outcome.code, "conftest.py", "exec")
    again = make_imports_lazy(outcome.code, heavy=HEAVY, available=available, options=options)
    assert again.code == outcome.code, "a second run must change nothing"
    return outcome


def strategies(outcome: LazyOutcome) -> dict[str, Strategy]:
    return {d.binding.name: d.strategy for d in outcome.decisions}


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "import numpy as np\n\n@fixture(params=[np.int8])\ndef f(): ...\n", id="params"
        ),
        pytest.param("import numpy as np\n\ndef f(x=np.zeros): ...\n", id="default"),
        pytest.param("import numpy as np\n\nclass A(np.ndarray): ...\n", id="base-class"),
        pytest.param("import numpy as np\n\nclass A:\n    x = np.pi\n", id="class-body"),
        pytest.param("import numpy as np\n\nPI = np.pi\n", id="module-level"),
        pytest.param(
            "import functools\nimport numpy as np\n\n@functools.cache\ndef f(x: np.ndarray): ...\n",
            id="annotation-read-by-a-decorator",
        ),
        pytest.param("import numpy  # noqa: F401\n", id="noqa-unused"),
        pytest.param(
            "import os\nos.chdir('x')\nimport numpy\n\ndef f():\n    return numpy.pi\n",
            id="after-chdir",
        ),
        pytest.param(
            "import sys\nsys.modules['numpy'] = None\nimport numpy\n\ndef f():\n    return numpy\n",
            id="after-sys-modules",
        ),
        pytest.param(
            "import pytest\npytest.register_assert_rewrite('numpy')\nimport numpy\n"
            "def f():\n    return numpy\n",
            id="assert-rewrite-target",
        ),
        pytest.param("import numpy\nnumpy = 1\n\ndef f():\n    return numpy\n", id="rebound"),
        pytest.param(
            "import numpy\n\ndef f():\n    return globals()['numpy']\n", id="dynamic-globals"
        ),
        pytest.param(
            "try:\n    import numpy\nexcept ImportError:\n    numpy = None\n", id="guarded"
        ),
        pytest.param("from numpy import pi\n\nf = lambda: pi\n", id="from-import-in-lambda"),
        pytest.param(
            "import numpy as np; x = 1\n\ndef f():\n    return np\n", id="shares-its-line"
        ),
    ],
)
def test_refusals_keep_the_source_unchanged(source: str) -> None:
    outcome = lazy(source)
    assert outcome.code == source
    assert outcome.decisions and all(d.strategy is Strategy.KEEP for d in outcome.decisions)
    assert all(d.reason for d in outcome.decisions)


def test_a_module_not_installed_stays_eager() -> None:
    source = "import numpy\n\ndef f():\n    return numpy.pi\n"
    outcome = lazy(source, missing="numpy")
    assert outcome.code == source
    assert "cannot be found" in outcome.decisions[0].reason


def test_light_imports_are_not_touched_nor_reported() -> None:
    source = "import json\n\ndef f():\n    return json.dumps(1)\n"
    outcome = lazy(source)
    assert outcome.code == source
    assert not outcome.decisions


def test_moves_into_each_using_function_after_the_docstring() -> None:
    outcome = lazy('''\
        import numpy as np
        from decimal import Decimal, Context  # money
        import pytest


        @pytest.fixture
        def vector():
            """A vector."""
            return np.zeros(3)


        def money(): return Decimal(1), Context(), np.pi
        ''')
    assert outcome.code == textwrap.dedent('''\
        # money
        import pytest


        @pytest.fixture
        def vector():
            """A vector."""
            import numpy as np
            return np.zeros(3)


        def money():
            import numpy as np
            from decimal import Decimal, Context
            return Decimal(1), Context(), np.pi
        ''')


def test_proxy_when_the_module_object_is_read_at_import_time() -> None:
    outcome = lazy("""\
        import os
        import numpy
        import xml.dom.minidom as minidom
        import pytest

        MODULES = [numpy, minidom]
        """)
    assert outcome.code == textwrap.dedent("""\
        import os
        import pytest

        from conftest_codemods_runtime import lazy_module as _lazy_module
        numpy = _lazy_module("numpy")
        minidom = _lazy_module("xml.dom.minidom")

        MODULES = [numpy, minidom]
        """)


def test_exported_names_get_a_proxy_instead_of_moving() -> None:
    source = "import numpy\n\ndef f():\n    return numpy.pi\n"
    outcome = lazy(source, LazyOptions(external_names=frozenset({"numpy"})))
    assert strategies(outcome) == {"numpy": Strategy.LAZY_PROXY}


def test_annotation_only_from_import_goes_under_type_checking() -> None:
    outcome = lazy("""\
        from __future__ import annotations

        from decimal import Decimal

        def total(values: list[Decimal]) -> "Decimal":
            return sum(values)
        """)
    assert outcome.code == textwrap.dedent("""\
        from __future__ import annotations

        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from decimal import Decimal

        def total(values: list[Decimal]) -> "Decimal":
            return sum(values)
        """)


def test_target_315_uses_lazy_import_syntax() -> None:
    outcome = lazy(
        "import numpy as np\nfrom fractions import Fraction\n\ndef f():\n    return np, Fraction\n",
        LazyOptions(target_version=(3, 15)),
    )
    assert outcome.code == (
        "lazy import numpy as np\nlazy from fractions import Fraction\n\n"
        "def f():\n    return np, Fraction\n"
    )


def test_lazy_modules_is_merged_not_duplicated() -> None:
    source = (
        '__lazy_modules__ = ["numpy"]\nimport numpy\nimport pandas\n\n'
        "def f():\n    return numpy, pandas\n"
    )
    outcome = lazy(source, LazyOptions(lazy_modules=True))
    assert outcome.code.startswith('__lazy_modules__ = ["numpy", "pandas"]\n')


def test_a_moved_import_used_in_annotations_keeps_a_type_checking_copy() -> None:
    outcome = lazy("""\
        from __future__ import annotations

        import numpy as np  # arrays


        def zeros(size: int) -> np.ndarray:
            return np.zeros(size)
        """)
    assert outcome.code == textwrap.dedent("""\
        from __future__ import annotations

        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            import numpy as np  # arrays


        def zeros(size: int) -> np.ndarray:
            import numpy as np
            return np.zeros(size)
        """)


def test_the_future_import_is_added_when_nothing_reads_annotations() -> None:
    outcome = lazy("""\
        \"\"\"Fixtures.\"\"\"

        import numpy as np
        import pytest


        @pytest.fixture
        def zeros() -> np.ndarray:
            return np.zeros(3)
        """)
    assert outcome.decisions[0].needs_future
    assert outcome.code == textwrap.dedent("""\
        \"\"\"Fixtures.\"\"\"

        from __future__ import annotations

        import pytest
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            import numpy as np


        @pytest.fixture
        def zeros() -> np.ndarray:
            import numpy as np
            return np.zeros(3)
        """)


@pytest.mark.parametrize(
    "blocker",
    [
        pytest.param("from typing import get_type_hints\n", id="get-type-hints"),
        pytest.param("import inspect\nSIG = inspect.signature(len)\n", id="signature"),
    ],
)
def test_annotations_stay_evaluated_when_something_reads_them(blocker: str) -> None:
    """Neither the future import nor quotes: a reader would meet names no longer bound."""
    source = f"import numpy as np\n{blocker}\n\ndef f() -> np.ndarray:\n    return np.zeros(3)\n"
    outcome = lazy(source)
    assert outcome.code == source
    assert outcome.decisions[0].strategy is Strategy.KEEP


def test_moves_into_the_using_definition_among_same_named_ones() -> None:
    """The analysis names functions by their rank among all definitions, which the transform
    counts again in its libcst tree: methods, ``async def`` and nested ones included."""
    outcome = lazy("""\
        import numpy as np


        class A:
            def f(self):
                return 1


        async def f():
            def inner():
                return np.pi
            return inner
        """)
    assert outcome.code == textwrap.dedent("""\
        class A:
            def f(self):
                return 1


        async def f():
            def inner():
                import numpy as np
                return np.pi
            return inner
        """)


def test_a_string_annotation_is_a_use_that_is_never_evaluated() -> None:
    outcome = lazy("""\
        import numpy as np


        def zeros(size: int) -> "np.ndarray":
            return np.zeros(size)
        """)
    assert strategies(outcome) == {"np": Strategy.MOVE_INTO_FUNCTIONS}
    assert outcome.code == textwrap.dedent("""\
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            import numpy as np


        def zeros(size: int) -> "np.ndarray":
            import numpy as np
            return np.zeros(size)
        """)


def test_a_local_of_the_same_name_is_not_a_use() -> None:
    source = "import numpy as np\n\ndef f():\n    np = 1\n    np = np + 1\n    return np\n"
    outcome = lazy(source)
    assert outcome.code == source
    assert outcome.decisions[0].reason.startswith("no name it binds is used")


@pytest.mark.parametrize(
    "setup",
    [
        "os.environ.setdefault('X', '1')",
        "os.environ['X'] = '1'",
        "sys.path.insert(0, 'lib')",
        "load_dotenv()",
        "warnings.filterwarnings('ignore')",
    ],
)
def test_environment_setup_does_not_pin_later_imports(setup: str) -> None:
    """A deferred import still runs after the set-up, and what it set stays set."""
    source = f"""\
        import os
        import sys
        import warnings
        from dotenv import load_dotenv
        {setup}
        import numpy

        def f():
            return numpy.pi
    """
    outcome = lazy(source)
    assert strategies(outcome) == {"numpy": Strategy.MOVE_INTO_FUNCTIONS}


def test_effect_imports_stay_eager() -> None:
    """Built-in (setuptools patches distutils) and configured effect imports keep their place."""
    source = "import numpy\nimport setuptools\n\ndef f():\n    return numpy, setuptools\n"
    outcome = lazy(source, LazyOptions(effect_imports=frozenset({"numpy"})))
    assert outcome.code == source
    assert [d.reason for d in outcome.decisions] == [
        "it is imported for what importing does (effect-imports)"
    ] * 2


def test_a_dotted_import_is_used_through_its_attribute_chain() -> None:
    source = """\
        import xml.dom.minidom

        def f():
            return xml.dom.minidom.parseString("<a/>")
    """
    outcome = lazy(source)
    assert outcome.code == textwrap.dedent(
        """\
        def f():
            import xml.dom.minidom
            return xml.dom.minidom.parseString("<a/>")
        """
    )


CLEAN = LazyOptions(import_errors={"numpy": "", "pandas": "", "xml": ""})
"""What the import probe reports where numpy and pandas import cleanly."""


def test_an_optional_import_becomes_a_proxy_inside_its_try() -> None:
    """The proxy is bound where the import was: where numpy is missing, ``lazy_module`` raises
    ``ModuleNotFoundError`` there and the handler runs as before."""
    outcome = lazy(
        """\
        import pytest

        # optional: some fixtures skip without it
        try:
            import numpy as np  # arrays
            HAS_NUMPY = True
        except (ImportError, ModuleNotFoundError):
            np = None
            HAS_NUMPY = False


        @pytest.fixture
        def zeros():
            if np is None:
                pytest.skip("numpy is not installed")
            return np.zeros(3)
        """,
        CLEAN,
    )
    assert outcome.code == textwrap.dedent("""\
        import pytest

        from conftest_codemods_runtime import lazy_module as _lazy_module

        # optional: some fixtures skip without it
        try:
            np = _lazy_module("numpy")  # arrays
            HAS_NUMPY = True
        except (ImportError, ModuleNotFoundError):
            np = None
            HAS_NUMPY = False


        @pytest.fixture
        def zeros():
            if np is None:
                pytest.skip("numpy is not installed")
            return np.zeros(3)
        """)
    [decision] = outcome.decisions
    assert decision.strategy is Strategy.LAZY_PROXY
    assert "the except ImportError handler still runs where it is not installed" in decision.reason


def test_only_the_heavy_names_of_a_try_become_proxies_and_the_helper_is_bound_once() -> None:
    outcome = lazy(
        """\
        import pytest
        import pandas

        CACHE = [pandas]

        try:
            import json, numpy
        except ImportError:
            numpy = None

        def f():
            return json, numpy
        """,
        CLEAN,
    )
    assert outcome.code == textwrap.dedent("""\
        import pytest

        from conftest_codemods_runtime import lazy_module as _lazy_module
        pandas = _lazy_module("pandas")

        CACHE = [pandas]

        try:
            import json
            numpy = _lazy_module("numpy")
        except ImportError:
            numpy = None

        def f():
            return json, numpy
        """)


@pytest.mark.parametrize(
    ("source", "options", "reason"),
    [
        pytest.param(
            "try:\n    import numpy\nexcept Exception:\n    numpy = None\n",
            CLEAN,
            "catches more than ImportError",
            id="broad-handler",
        ),
        pytest.param(
            "try:\n    import numpy\nexcept:\n    numpy = None\n",
            CLEAN,
            "catches more than ImportError",
            id="bare-except",
        ),
        pytest.param(
            "try:\n    import numpy\n    numpy.seterr(all='raise')\nexcept ImportError:\n"
            "    numpy = None\n",
            CLEAN,
            "runs more than imports and constant assignments (line 3)",
            id="body-uses-it",
        ),
        pytest.param(
            "try:\n    import numpy\nexcept ImportError:\n    numpy = None\nfinally:\n    pass\n",
            CLEAN,
            "it has a `finally:` clause",
            id="finally",
        ),
        pytest.param(
            "try:\n    from numpy import pi\nexcept ImportError:\n    pi = 3.14\n\n"
            "def f():\n    return pi\n",
            CLEAN,
            "a `from` import inside a `try:` binds a name",
            id="from-import",
        ),
        pytest.param(
            "try:\n    import xml.dom.minidom as minidom\nexcept ImportError:\n    minidom = None\n"
            "\ndef f():\n    return minidom\n",
            CLEAN,
            "a proxy checks only that `xml` is installed",
            id="dotted",
        ),
        pytest.param(
            "try:\n    import numpy\nexcept ImportError:\n    numpy = None\n\n"
            "def f():\n    return numpy\n",
            LazyOptions(import_errors={"numpy": "ImportError: needs libblas"}),
            "importing it raises (ImportError: needs libblas)",
            id="import-raises",
        ),
        pytest.param(
            "try:\n    import numpy\nexcept ImportError:\n    numpy = None\n\n"
            "def f():\n    return numpy\n",
            None,
            "not known to import cleanly where the tests run",
            id="not-probed",
        ),
        pytest.param(
            "try:\n    import numpy\nexcept ImportError:\n    numpy = None\n\nPI = numpy.pi\n",
            CLEAN,
            "the module-level code at line 6 reads it while the conftest is imported",
            id="attribute-read-at-import",
        ),
        pytest.param(
            "try: import numpy\nexcept ImportError:\n    numpy = None\n\n"
            "def f():\n    return numpy\n",
            CLEAN,
            "it shares its line with other statements",
            id="on-the-try-line",
        ),
        pytest.param(
            "try:\n    import numpy\nexcept ImportError:\n    numpy = None\n\n"
            "def f():\n    return numpy\n",
            LazyOptions(lazy_modules=True, import_errors={"numpy": ""}),
            "PEP 810 keeps imports in `try:` blocks eager",
            id="lazy-modules",
        ),
    ],
)
def test_an_optional_import_stays_eager_with_its_reason(
    source: str, options: LazyOptions | None, reason: str
) -> None:
    outcome = lazy(source, options)
    assert outcome.code == source
    [decision] = outcome.decisions
    assert decision.strategy is Strategy.KEEP
    assert reason in decision.reason


def test_an_optional_import_not_installed_stays_eager_at_no_cost() -> None:
    source = "try:\n    import numpy\nexcept ImportError:\n    numpy = None\n\nN = [numpy]\n"
    outcome = lazy(source, CLEAN, missing="numpy")
    assert outcome.code == source
    assert "not installed here: importing it fails at once" in outcome.decisions[0].reason


def test_an_optional_import_only_other_files_read_becomes_a_proxy() -> None:
    """A try block in base binds the name for the layers above (they read it through the
    conftest's namespace): that is a use, not an import kept for its effect."""
    source = "try:\n    import numpy\nexcept ImportError:\n    numpy = None\n"
    alone = lazy(source, CLEAN)
    assert alone.code == source
    assert alone.decisions[0].reason.startswith("no name it binds is used in this module")
    read = lazy(
        source, LazyOptions(external_names=frozenset({"numpy"}), import_errors={"numpy": ""})
    )
    assert 'numpy = _lazy_module("numpy")' in read.code
