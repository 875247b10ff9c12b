"""Decisions about a conftest, from its analysis: which layer each unit goes to
(``planner``), how each heavy import is deferred (``lazy_imports``) and each fixture's
``@memory_profile`` tag (``profiles``).

Nothing is re-exported here: ``lazy_imports`` serves ``check`` without libcst, and importing
the package must not import the libcst-based planner with it.
"""
