from ..helpers import slugify


def test_book_slug(book):
    assert book.slug == "the-pragmatic-tester"


def test_shelf_has_two_books(shelf):
    assert [item.author for item in shelf] == ["A. Author", "B. Writer"]


def test_slugify_is_shared():
    assert slugify("Hello, World!") == "hello-world"


def test_catalog_mock(mock_catalog_api):
    assert mock_catalog_api.lookup("978-0000000000")["found"] is True
    mock_catalog_api.lookup.assert_called_once_with("978-0000000000")
