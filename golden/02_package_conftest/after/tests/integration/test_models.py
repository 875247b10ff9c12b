import pytest


def test_stored_shelf(stored_shelf):
    slugs = sorted(row[0] for row in stored_shelf.execute("SELECT slug FROM books"))
    assert slugs == ["second-volume", "the-pragmatic-tester"]


def test_cache_roundtrip(cache, book):
    cache.set(book.slug, {"title": book.title})
    assert cache.get(book.slug) == {"title": "The Pragmatic Tester"}
    assert cache.get("missing", "default") == "default"


@pytest.mark.skip(reason="full-text search needs the FTS5 build")
def test_full_text_search(db_session):
    db_session.execute("CREATE VIRTUAL TABLE docs USING fts5(body)")
