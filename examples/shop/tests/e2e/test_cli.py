"""The `python -m shop` command line, run as a user would."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.e2e


def test_staging_settings_pass_the_check(validate_e2e_environment):
    assert validate_e2e_environment["ok"] is True
    assert validate_e2e_environment["settings"]["environment"] == "staging"


def test_check_config_rejects_bad_settings(cli_runner, tmp_path):
    config = tmp_path / "bad.json"
    config.write_text(json.dumps({"environment": "moon", "currency": "eur"}), encoding="utf-8")
    result = cli_runner("check-config", "--config", str(config))
    assert result.returncode == 1
    assert len(json.loads(result.stdout)["problems"]) == 2


def test_environment_variables_reach_the_cli(cli_runner):
    result = cli_runner("check-config", SHOP_CURRENCY="USD")
    assert json.loads(result.stdout)["settings"]["currency"] == "USD"


@pytest.mark.slow
def test_seed_then_serve_a_second_database(cli_runner, products_json, data_dir):
    database = data_dir / "second.db"
    result = cli_runner("seed", "--db", str(database), str(products_json))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "seeded 6 products"


@pytest.mark.slow
def test_unknown_command_fails_with_usage(cli_runner):
    result = cli_runner("launch-rockets")
    assert result.returncode == 2
    assert "usage: shop" in result.stderr
