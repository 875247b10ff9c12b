import decimal
import xml.dom.minidom as minidom
import fractions

import pytest

# every number module a test may ask for, by name
NUMBER_MODULES = {"decimal": decimal, "fractions": fractions}
parse = lambda text: minidom.parseString(text)  # noqa: E731


@pytest.fixture
def number_module(request):
    return NUMBER_MODULES[request.param]


@pytest.fixture
def order():
    return parse("<order total='3.50'/>").documentElement
