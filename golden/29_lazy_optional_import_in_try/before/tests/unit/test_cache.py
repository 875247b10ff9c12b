import importlib.util


def test_round_trip(fake_cache):
    fake_cache.set("a", 1)
    assert fake_cache.get("a") == 1


def test_the_flag_says_whether_fakecache_is_installed(cache_available):
    assert cache_available == (importlib.util.find_spec("fakecache") is not None)
