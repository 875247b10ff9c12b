import sys

import pytest


def test_backend_list_matches_platform(backend_name):
    assert backend_name in {"memory", "sqlite", "socket"}
    if sys.platform == "win32":
        assert backend_name != "socket"


def test_roundtrip(store):
    store.set("k", b"value")
    assert store.get("k") == b"value"


def test_missing_key(store):
    assert store.get("nope") is None


def test_overwrite(store, payload):
    store.set("k", b"old")
    store.set("k", payload)
    assert store.get("k") == payload


@pytest.mark.parametrize("key", ["a", "b"])
def test_keys_are_independent(store, key):
    store.set(key, b"1")
    assert store.get({"a": "b", "b": "a"}[key]) is None
