"""Name analysis: which names each top-level statement binds and reads, and when.

The facts are those libcst's scope analysis gave (the model's edges were built on them),
including its quirks, so each case states the libcst answer.
"""

from __future__ import annotations

import ast

import pytest

from codemods.analysis.names import UnitNames, index_names


def facts(source: str) -> list[dict[str, list[str]]]:
    """Each unit's non-empty facts, sorted, for readable comparisons."""
    units: list[UnitNames] = index_names(ast.parse(source), source)
    return [{name: sorted(value) for name, value in vars(unit).items() if value} for unit in units]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "counter = 0\n\ndef bump():\n    global counter\n"
            "    counter += 1\n    return counter\n",
            [
                {"binds": ["counter"]},
                {"binds": ["bump", "counter"], "reads": ["counter"], "global_rebinds": ["counter"]},
            ],
            id="global rebinding binds the name in the function's unit",
        ),
        pytest.param(
            "import os\n\nclass Paths:\n    sep = os.sep\n    root = sep * 2\n"
            "    def join(self):\n        return sep\n",
            [
                {"binds": ["os"]},
                {
                    "binds": ["Paths"],
                    "reads": ["os"],
                    "eager_reads": ["os"],
                    "unresolved": ["sep"],
                    "uses": ["os"],
                },
            ],
            id="class body reads are eager and a method cannot see the class's names",
        ),
        pytest.param(
            "ROWS = [[1]]\nFLAT = [cell for row in ROWS for cell in row if cell]\n",
            [
                {"binds": ["ROWS"]},
                {
                    "binds": ["FLAT"],
                    "reads": ["ROWS"],
                    "eager_reads": ["ROWS"],
                    "unresolved": ["cell"],
                    "eager_unresolved": ["cell"],
                },
            ],
            id="comprehension targets are local; a later clause's condition misses its own",
        ),
        pytest.param(
            "import os\n\nkey = lambda sep=os.sep: sep + SUFFIX\nSUFFIX = 'x'\n",
            [
                {"binds": ["os"]},
                {
                    "binds": ["key"],
                    "reads": ["SUFFIX", "os"],
                    "eager_reads": ["os"],
                    "uses": ["os"],
                },
                {"binds": ["SUFFIX"]},
            ],
            id="a lambda default is eager, its body is not",
        ),
        pytest.param(
            "def outer():\n    value = 1\n    def inner():\n        return value + LIMIT\n"
            "    return inner\n\nLIMIT = 2\n",
            [{"binds": ["outer"], "reads": ["LIMIT"]}, {"binds": ["LIMIT"]}],
            id="a nested function reads the enclosing local and the later module name",
        ),
        pytest.param(
            "print(LATE)\nLATE = 1\n\ndef later():\n    return LATE\n",
            [
                {"unresolved": ["LATE"], "eager_unresolved": ["LATE"]},
                {"binds": ["LATE"]},
                {"binds": ["later"], "reads": ["LATE"]},
            ],
            id="a module-level read before the binding does not see it",
        ),
        pytest.param(
            "from typing import Optional\n\nclass Base:\n    pass\n\n"
            "def make(base: 'Base', other: Optional['Missing']) -> 'Later':\n    return base\n",
            [
                {"binds": ["Optional"]},
                {"binds": ["Base"]},
                {
                    "binds": ["make"],
                    "reads": ["Base", "Optional"],
                    "eager_reads": ["Base", "Optional"],
                    "uses": ["typing.Optional"],
                },
            ],
            id="string annotations are read, and a name they miss is not unresolved",
        ),
        pytest.param(
            "import os.path\n\nJOINED = os.path.join('a')\nCWD = os.getcwd()\n",
            [
                {"binds": ["os", "os.path"]},
                {
                    "binds": ["JOINED"],
                    "reads": ["os.path"],
                    "eager_reads": ["os.path"],
                    "uses": ["os.path"],
                },
                {"binds": ["CWD"], "reads": ["os"], "eager_reads": ["os"], "uses": ["os"]},
            ],
            id="a dotted import is read under its dotted name",
        ),
        pytest.param(
            "a = 1; b = a\nx = x\nfor y in y:\n    pass\n",
            [
                {"binds": ["a", "b"], "reads": ["a"], "eager_reads": ["a"]},
                {"binds": ["x"], "unresolved": ["x"], "eager_unresolved": ["x"]},
                {"binds": ["y"], "reads": ["y"], "eager_reads": ["y"]},
            ],
            id="one unit per logical line; an assignment is made at its end, a for target at once",
        ),
    ],
)
def test_index_names(source: str, expected: list[dict[str, list[str]]]) -> None:
    assert facts(source) == expected
