"""The statements the lazy-imports transform writes (``lazy_nodes``), placed where a person
would put them: imports at the top of a function body, ``from __future__ import annotations``
after the docstring, ``__lazy_modules__`` before the first import, each only once."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.transforms import lazy_nodes as nodes


def body(source: str) -> list[cst.BaseStatement]:
    return list(cst.parse_module(textwrap.dedent(source)).body)


def code(statements: list[cst.BaseStatement]) -> str:
    return cst.Module(body=statements).code


def function(source: str) -> cst.FunctionDef:
    (statement,) = body(source)
    assert isinstance(statement, cst.FunctionDef)
    return statement


NUMPY = [cst.parse_statement("import numpy as np\n")]


def test_an_import_goes_after_the_docstring_and_global_statements_of_a_function() -> None:
    moved = nodes.insert_into_body(
        function('def f():\n    """Doc."""\n    global CACHE\n    return np.zeros(3)\n'), NUMPY
    )
    assert code([moved]) == (
        'def f():\n    """Doc."""\n    global CACHE\n    import numpy as np\n'
        "    return np.zeros(3)\n"
    )


def test_an_import_the_function_already_has_is_not_added_twice() -> None:
    source = "def f():\n    import numpy as np\n    return np.zeros(3)\n"
    assert code([nodes.insert_into_body(function(source), NUMPY)]) == source


def test_a_one_line_function_body_becomes_a_block_to_take_the_import() -> None:
    moved = nodes.insert_into_body(function("def f(): return np.zeros(3)\n"), NUMPY)
    assert code([moved]) == "def f():\n    import numpy as np\n    return np.zeros(3)\n"


def test_the_comment_above_the_first_statement_stays_above_the_new_import() -> None:
    source = "def f():\n    # zeros\n    return np.zeros(3)\n"
    moved = nodes.insert_into_body(function(source), NUMPY)
    assert (
        code([moved]) == "def f():\n    # zeros\n    import numpy as np\n    return np.zeros(3)\n"
    )


def test_the_future_import_goes_after_the_docstring_and_the_other_future_imports() -> None:
    statements = body('"""Doc."""\nfrom __future__ import division\nimport os\n')
    assert code(nodes.with_future_annotations(statements)) == (
        '"""Doc."""\nfrom __future__ import division\nfrom __future__ import annotations\n'
        "import os\n"
    )


def test_the_future_import_opening_a_module_is_followed_by_a_blank_line() -> None:
    statements = body("import os\n")
    assert code(nodes.with_future_annotations(statements)) == (
        "from __future__ import annotations\n\nimport os\n"
    )


def test_lazy_modules_is_bound_before_the_first_import_after_the_future_imports() -> None:
    statements = body("from __future__ import annotations\nimport numpy as np\n")
    assert code(nodes.with_lazy_modules(statements, ["numpy", "numpy"])) == (
        'from __future__ import annotations\n__lazy_modules__ = ["numpy"]\n\nimport numpy as np\n'
    )


def test_an_existing_lazy_modules_list_gains_only_the_missing_names() -> None:
    statements = body('__lazy_modules__ = ["numpy"]\nimport numpy as np\nimport pandas as pd\n')
    assert code(nodes.with_lazy_modules(statements, ["pandas", "numpy"])) == (
        '__lazy_modules__ = ["numpy", "pandas"]\nimport numpy as np\nimport pandas as pd\n'
    )


def test_a_name_bound_by_a_top_level_import_or_assignment_is_known_bound() -> None:
    module = cst.parse_module("import numpy as np\nfrom os import path\nHELPER = 1\n")
    assert [nodes.binds_at_top(module, name) for name in ("np", "path", "HELPER", "numpy")] == [
        True,
        True,
        True,
        False,
    ]
