"""The launched shop, seen through the tiny browser and the public API."""

from __future__ import annotations

import urllib.error

import pytest

pytestmark = pytest.mark.e2e


def test_storefront_lists_every_product(browser):
    page = browser.open("/")
    assert page.status == 200
    assert page.skus() == ["BK-001", "BK-002", "MG-001", "MG-002", "ST-001", "TS-001"]


def test_storefront_shows_formatted_prices(browser):
    text = browser.open("/").text
    assert "Pytest Patterns - €32.00" in text
    assert "Sticker Pack - €3.00" in text


def test_health_reports_the_version(e2e_api):
    assert e2e_api.get_json("/health")["status"] == "ok"


@pytest.mark.parametrize(("sku", "quantity", "total"), [("MG-002", 2, 2500), ("ST-001", 10, 3000)])
def test_buying_through_the_web_shop(browser, e2e_customer_email, sku, quantity, total):
    created = browser.submit_order(sku, quantity, e2e_customer_email)
    assert created["total_cents"] == total
    assert created["status"] == "pending"
    assert browser.history == []  # posting is not navigating


def test_unknown_page_is_404(browser):
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        browser.open("/admin")
    assert excinfo.value.code == 404
    excinfo.value.close()


def test_the_server_is_a_separate_process(shop_launcher):
    assert shop_launcher.process.poll() is None
    assert shop_launcher.database.is_file()
