# conftest-codemods: base layer of conftest.py, always loaded.
if __package__:
    from .conftest_support import memory_profile
else:
    from conftest_support import memory_profile

import pytest


@pytest.fixture
@memory_profile("message", "MINIMAL")
def message():
    import email.mime.text
    return email.mime.text.MIMEText("hello")
