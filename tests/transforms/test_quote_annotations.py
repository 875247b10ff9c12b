"""Annotations evaluated at definition time stop keeping a heavy import eager (issue 13.3):
the future import where the whole module is safe, else quotes where each annotation may be
quoted; a class whose annotations are read at run time keeps the import, and says why."""

from __future__ import annotations

import pytest

from codemods.plan.lazy_imports import LazyOptions, Strategy
from tests.transforms.tools import check_lazy, check_lazy_noop, run

DATACLASS = """\
    import dataclasses

    import numpy as np
    import pytest


    @dataclasses.dataclass
    class Sample:
        values: np.ndarray


    @pytest.fixture
    def sample() -> np.ndarray:
        return np.zeros(3)
    """


def test_signature_and_module_annotations_are_quoted_when_a_class_blocks_the_future_import() -> (
    None
):
    outcome = check_lazy(
        """\
        import pandas as pd
        import pytest

        DEFAULT_FRAME: pd.DataFrame | None = None


        class Row:
            name: str = ""


        @pytest.fixture
        def frame(rows: list[Row] = []) -> pd.DataFrame:
            return pd.DataFrame(rows)


        class Checks:
            def width(self, frame: pd.DataFrame) -> int:
                return len(frame.columns)
        """,
        """\
        import pytest
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            import pandas as pd

        DEFAULT_FRAME: "pd.DataFrame | None" = None


        class Row:
            name: str = ""


        @pytest.fixture
        def frame(rows: list[Row] = []) -> "pd.DataFrame":
            import pandas as pd
            return pd.DataFrame(rows)


        class Checks:
            def width(self, frame: "pd.DataFrame") -> int:
                return len(frame.columns)
        """,
    )
    (decision,) = outcome.decisions
    assert decision.needs_quotes and not decision.needs_future
    assert decision.reason.endswith("(once its annotations are quoted)")


def test_a_dataclass_keeps_its_annotation_module_eager_and_says_why() -> None:
    outcome = check_lazy_noop(DATACLASS)
    (decision,) = outcome.decisions
    assert decision.strategy is Strategy.KEEP
    assert decision.reason == (
        "the class-level annotation at line 9 is evaluated with its class, and "
        "`dataclasses.dataclass` may read it at run time"
    )


@pytest.mark.parametrize(
    ("source", "why"),
    [
        pytest.param(
            "import functools\nimport numpy as np\n\n"
            "@functools.singledispatch\ndef size(x: np.ndarray) -> int:\n    return 0\n",
            "cannot be quoted",
            id="foreign-decorator",
        ),
        pytest.param(
            "import typing\nimport numpy as np\n\nclass A:\n    x: int\n\n"
            "def f(x: np.ndarray) -> int:\n    return typing.get_type_hints(A)\n",
            "not quoted: the module uses `get_type_hints`",
            id="get-type-hints",
        ),
        pytest.param(
            "import numpy as np\n\nclass A:\n    x: int\n\n"
            "def f(x: np.ndarray = None, kind: 'np.dtype' = None) -> np.ndarray:\n    return x\n",
            "",
            id="plain-string-annotation-elsewhere",
        ),
        pytest.param(
            "from typing import Literal\nimport numpy as np\n\nclass A:\n    x: int\n\n"
            "def f(x: Literal['a'] | np.ndarray) -> None:\n    return None\n",
            "cannot be quoted",
            id="holds-a-string",
        ),
    ],
)
def test_annotations_that_cannot_be_quoted_keep_the_import(source: str, why: str) -> None:
    outcome = run(source)
    decision = next(d for d in outcome.decisions if d.binding.name == "np")
    if not why:  # quotable after all: the string annotation is left as it is
        assert decision.needs_quotes
        assert "kind: 'np.dtype'" in outcome.code and '-> "np.ndarray"' in outcome.code
        return
    assert decision.strategy is Strategy.KEEP
    assert why in decision.reason
    assert outcome.code == source


def test_nothing_changes_from_python_3_14_on() -> None:
    """PEP 649: the annotations are evaluated only when read, and pytest reads them as strings."""
    source = """\
        import numpy as np
        import pytest


        class Row:
            name: str = ""


        @pytest.fixture
        def zeros() -> np.ndarray:
            return np.zeros(3)
        """
    outcome = run(source, LazyOptions(target_version=(3, 14)))
    (decision,) = outcome.decisions
    assert decision.strategy is Strategy.MOVE_INTO_FUNCTIONS
    assert not decision.needs_quotes and not decision.needs_future
    assert "-> np.ndarray:" in outcome.code and "import numpy as np\n    return" in outcome.code


def test_the_future_import_is_preferred_where_the_whole_module_is_safe() -> None:
    outcome = run("import numpy as np\n\ndef zeros() -> np.ndarray:\n    return np.zeros(3)\n")
    (decision,) = outcome.decisions
    assert decision.needs_future and not decision.needs_quotes


def test_a_function_handed_around_as_a_value_keeps_its_annotations_evaluated() -> None:
    """FastAPI, typer and the like read the annotations of the functions they are given."""
    source = """\
        import numpy as np

        OVERRIDES = {}


        def fake_array() -> np.ndarray:
            return np.zeros(3)


        OVERRIDES["array"] = fake_array
        """
    outcome = check_lazy_noop(source)
    (decision,) = outcome.decisions
    assert decision.strategy is Strategy.KEEP
    assert "cannot be quoted" in decision.reason
