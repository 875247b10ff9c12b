import pytest
import importlib

_lazy_module = importlib.import_module(
    f"{__name__.rpartition('.')[0]}.conftest_lazy".lstrip(".")
).lazy_module
decimal = _lazy_module("decimal")
minidom = _lazy_module("xml.dom.minidom")
fractions = _lazy_module("fractions")

# every number module a test may ask for, by name
NUMBER_MODULES = {"decimal": decimal, "fractions": fractions}
parse = lambda text: minidom.parseString(text)  # noqa: E731


@pytest.fixture
def number_module(request):
    return NUMBER_MODULES[request.param]


@pytest.fixture
def order():
    return parse("<order total='3.50'/>").documentElement
