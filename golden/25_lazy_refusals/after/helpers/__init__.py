def check_total(total, expected):
    assert total == expected
