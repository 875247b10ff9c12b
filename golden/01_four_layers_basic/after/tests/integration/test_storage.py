import json

import pytest

pytestmark = pytest.mark.integration


def test_schema_is_created(db_conn):
    tables = [
        row[0] for row in db_conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    assert tables == ["products"]


def test_repo_adds_and_notifies(product_repo, db_conn, mock_mailer):
    product_repo.add(name="gadget", price_cents=1999)
    assert db_conn.execute("SELECT name, price_cents FROM products").fetchall() == [
        ("gadget", 1999)
    ]
    mock_mailer.send.assert_called_once_with("new product: gadget")


def test_http_client_gets_json(http_client):
    http_client.request("GET", "/products?page=1")
    response = http_client.getresponse()
    assert response.status == 200
    assert json.loads(response.read()) == {"path": "/products?page=1", "ok": True}


@pytest.mark.xfail(reason="the API does not paginate yet", strict=True)
def test_http_pagination(http_client, settings):
    http_client.request("GET", "/products")
    payload = json.loads(http_client.getresponse().read())
    assert len(payload.get("items", [])) == settings["page_size"]
