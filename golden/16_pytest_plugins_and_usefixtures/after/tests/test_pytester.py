def test_pytester_plugin_is_loaded(pytester):
    pytester.makepyfile("""
        def test_inner():
            assert 1 + 1 == 2
        """)
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:asyncio")
    result.assert_outcomes(passed=1)
