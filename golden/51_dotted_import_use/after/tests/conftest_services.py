# conftest-codemods: services layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import pytest


# conftest: services
@pytest.fixture
@memory_profile("order document", "MEDIUM")
def order_document():
    import xml.dom.minidom
    return xml.dom.minidom.parseString("<order id='7'/>")
