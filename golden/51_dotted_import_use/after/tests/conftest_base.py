# conftest-codemods: base layer of conftest.py (version 0.1.0), always loaded.
from conftest_codemods_runtime import memory_profile

import pytest


@pytest.fixture
@memory_profile("message", "MINIMAL")
def message():
    import email.mime.text
    return email.mime.text.MIMEText("hello")
