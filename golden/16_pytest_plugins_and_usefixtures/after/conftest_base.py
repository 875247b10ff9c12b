# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
"""Rootdir conftest: plugins for the whole run, and fixtures for tests/."""

# pytest_plugins is only allowed in the rootdir (top-level) conftest.
pytest_plugins = ["pytester"]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "with_db: the inventory fixture reads the real database"
    )
