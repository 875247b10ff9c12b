# conftest-codemods: services layer of conftest.py, loaded when asked (see conftest.py).
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

import pytest


# conftest: services
@pytest.fixture
@memory_profile("order document", "MEDIUM")
def order_document():
    import xml.dom.minidom
    return xml.dom.minidom.parseString("<order id='7'/>")
