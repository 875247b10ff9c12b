def test_e2e_runner(e2e_runner):
    assert e2e_runner("print(6 * 7)") == "42"
