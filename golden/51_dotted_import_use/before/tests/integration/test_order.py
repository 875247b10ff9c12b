def test_order_document(order_document):
    assert order_document.documentElement.getAttribute("id") == "7"
