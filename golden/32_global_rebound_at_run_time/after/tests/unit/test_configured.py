import conftest


def test_base_url(base_url):
    assert base_url == "http://configured.example"


def test_module_attribute_after_configure():
    assert conftest.BASE_URL == "http://configured.example"
