# conftest-codemods runtime: stored as this line, the packaged runtime exactly as this
# version writes it here (tests/treeutil.py expands it when a tree is copied).
