def test_customer_name(customer_name):
    assert customer_name == "J\u00fcrgen M\u00fcller"


def test_receipt(receipt):
    assert receipt == "Gr\u00fc\u00df Gott, J\u00fcrgen M\u00fcller: 3,50 \u00a3"


def test_terminal(mock_terminal):
    assert mock_terminal.display() == "Carte accept\u00e9e"


def test_points(db_conn, customer_name):
    assert db_conn.execute(
        "SELECT points FROM points WHERE customer = ?", (customer_name,)
    ).fetchone() == (120,)
