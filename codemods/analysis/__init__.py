"""Read-only analysis of a conftest module: units, names, fixtures and their dependency graph.

Nothing here rewrites code or does I/O. ``fixtures.module_fixtures`` reads the fixtures from the
``ast``; ``model.build_model`` turns a libcst module and those fixtures into a ``ConftestModel``
that the planner and the lint rules share. Nothing is re-exported here, so that importing a
libcst-free module of this package (``fixtures``, ``statements``, ``import_time``) never
imports libcst.
"""
