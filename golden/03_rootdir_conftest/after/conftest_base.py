# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
# Root conftest: the tests live next to it, in the project root.
