"""The pytest plugin behind ``@memory_profile`` (``plugin``, entry point ``conftest_codemods``),
and the files ``migrate`` copies into a user's test tree verbatim: ``lazy.py`` and
``support_shim.py``.

Every module here imports only the standard library and pytest (and each other): the plugin
loads in every pytest run of an environment with conftest-codemods installed, and the copies
run where the toolkit is not installed.
"""

from __future__ import annotations


def support_module_text() -> str:
    """What ``migrate`` writes as ``conftest_support.py`` beside a conftest: ``support_shim.py``,
    the ``@memory_profile`` shim that hands over to the plugin (one function, so that the
    vendored runtime of one file per project root can replace it in one place)."""
    from importlib import resources

    return resources.files(__name__).joinpath("support_shim.py").read_text(encoding="utf-8")
