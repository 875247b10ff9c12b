from conftest import average


def test_third(third):
    assert third * 3 == 1


def test_average(third):
    assert round(average([third, third * 2]), 3) == 0.5
