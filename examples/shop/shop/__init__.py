"""A small shop application: catalog, carts, orders, payments and notifications.

It exists to give ``conftest-codemods`` a realistic test suite to split. Everything here uses
the standard library only.
"""

__version__ = "1.4.0"
