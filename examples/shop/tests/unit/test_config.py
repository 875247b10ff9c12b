from __future__ import annotations

from dataclasses import replace

import pytest

from shop.config import Settings, load_settings, validate


def test_test_settings_are_valid(settings):
    assert validate(settings) == []


def test_settings_round_trip_through_the_json_file(settings_file, settings):
    assert load_settings(settings_file, environ={}) == settings


def test_environment_overrides_the_file(settings_file, fake_env):
    loaded = load_settings(settings_file)
    assert loaded.environment == "staging"
    assert loaded.currency == "GBP"
    assert loaded.cache_ttl_seconds == 5


def test_defaults_without_file_or_environment(clean_env):
    assert load_settings() == Settings()


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"environment": "prod"}, "unknown environment"),
        ({"currency": "euro"}, "ISO code"),
        ({"api_base_url": "ftp://shop"}, "http(s) URL"),
        ({"cache_ttl_seconds": -1}, "must not be negative"),
    ],
    ids=["environment", "currency", "url", "ttl"],
)
def test_validate_reports_problems(settings, changes, problem):
    [message] = validate(replace(settings, **changes))
    assert problem in message


def test_tmp_path_has_the_application_folders(tmp_path, data_dir):
    assert sorted(child.name for child in tmp_path.iterdir()) == ["data", "logs"]
    assert data_dir.is_dir()


def test_shop_root_holds_the_package(shop_root):
    assert (shop_root / "shop" / "__init__.py").is_file()
