import pytest


def test_region_is_known(region):
    assert region in {"eu-west", "us-east"}


def test_region_and_locale(region, locale):
    assert "_" in locale
    assert "-" in region


@pytest.mark.parametrize("backend", ["memory", "sqlite"], indirect=True)
def test_backend_kind(backend):
    assert backend["kind"] in {"memory", "sqlite"}
    if backend["kind"] == "sqlite":
        backend["conn"].execute("INSERT INTO kv VALUES ('k', 'v')")
        assert backend["conn"].execute("SELECT value FROM kv").fetchone() == ("v",)


def test_backend_default(backend):
    assert backend == {"kind": "memory", "data": {}}


@pytest.mark.parametrize(
    "fake_backend, expected",
    [({"failing": False}, False), ({"failing": True}, True)],
    indirect=["fake_backend"],
    ids=["healthy", "failing"],
)
def test_fake_backend(fake_backend, expected):
    assert fake_backend["failing"] is expected


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.xfail(reason="regions are not stored per backend yet", strict=True)
def test_backend_per_region(backend, region):
    assert backend.get("region") == region


def test_region_config(region_config):
    assert region_config["endpoint"].startswith("https://")
    assert region_config["region"][:2] in region_config["endpoint"]
