# conftest-codemods: base layer of conftest.py, always loaded.
# Root conftest: the tests live next to it, in the project root.
