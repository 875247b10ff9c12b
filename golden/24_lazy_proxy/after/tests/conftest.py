import pytest

def _conftest_codemods_runtime():  # loaded by path, once
    import importlib.util
    import sys
    from pathlib import Path

    path = (Path(__file__).parent / "../conftest_codemods_runtime.py").resolve()
    module = sys.modules.get("conftest_codemods_runtime")
    if module is None or Path(module.__file__ or "").resolve() != path:
        spec = importlib.util.spec_from_file_location("conftest_codemods_runtime", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return module


_lazy_module = _conftest_codemods_runtime().lazy_module
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
