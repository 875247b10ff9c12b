"""Name analysis: the two-halves parallel path must agree exactly with one whole-module pass."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from benchmarks.generate_conftest import generate
from codemods.analysis import names

VENDORED = Path(__file__).resolve().parent / "corpus" / "vendored" / "pandas_conftest.py"


def facts(module: cst.Module, parallel: bool, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    threshold = 1 if parallel else 10**9
    monkeypatch.setattr(names, "PARALLEL_MIN_STATEMENTS", threshold)
    index = names.index_names(module)
    return [
        (u.binds, u.reads, u.eager_reads, u.unresolved, u.global_rebinds, u.uses)
        for u in index.units
    ]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(VENDORED.read_text(encoding="utf-8"), id="pandas"),
        pytest.param(generate(1200), id="generated"),
        pytest.param(
            "def late():\n    return HELPER + os.sep\n\nimport os\n\n"
            "HELPER = 'x'\n\nif HELPER:\n    VALUE = late()\n",
            id="forward-references",
        ),
    ],
)
def test_halves_agree_with_one_pass(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    module = cst.parse_module(source)
    assert facts(module, True, monkeypatch) == facts(module, False, monkeypatch)

