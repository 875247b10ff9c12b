"""Both copies' fixtures work and are measured once per call, beside the plugin."""

from __future__ import annotations


def test_both(first: int, second: int) -> None:
    assert (first, second) == (1, 2)


def test_both_again(first: int, second: int) -> None:
    assert first + second == 3


def test_with_the_plugin(first: int, third: int) -> None:
    assert first + third == 4
