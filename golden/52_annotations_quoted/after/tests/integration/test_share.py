from fractions import Fraction


def test_share(share):
    assert share == Fraction(1, 2)
