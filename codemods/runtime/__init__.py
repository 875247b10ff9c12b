"""The pytest plugin behind ``@memory_profile`` (``plugin``, entry point ``conftest_codemods``),
and the runtime ``migrate`` writes once per project root, verbatim:
``conftest_codemods_runtime.py`` (layer loader, lazy proxies, the ``@memory_profile`` shim).

Every module here imports only the standard library and pytest (and each other): the plugin
loads in every pytest run of an environment with conftest-codemods installed, and the runtime
runs where the toolkit is not installed.
"""
