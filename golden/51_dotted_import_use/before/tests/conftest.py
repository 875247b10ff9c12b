import email.mime.text
import xml.dom.minidom

import pytest


@pytest.fixture
def message():
    return email.mime.text.MIMEText("hello")


# conftest: services
@pytest.fixture
def order_document():
    return xml.dom.minidom.parseString("<order id='7'/>")
