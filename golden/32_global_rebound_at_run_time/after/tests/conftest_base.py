# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.


def pytest_addoption(parser):
    parser.addoption("--base-url", default=None)
