import urllib.error

import pytest

pytestmark = pytest.mark.e2e


def test_home_page_shows_shop_name(browser):
    status, html = browser("/")
    assert status == 200
    assert "Golden Shop" in html


def test_missing_page_is_404(browser):
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        browser("/no-such-page.html")
    assert excinfo.value.code == 404
    excinfo.value.close()


def test_live_server_url(live_server):
    assert live_server.startswith("http://127.0.0.1:")
