def test_values(middle, template, hue, crc, check):
    assert middle == 2
    assert template == "abc"
    assert hue == 0.0
    check(crc, 891568578)


def test_markup(markup):
    assert markup == ("&lt;b&gt;", "a\nb")
