"""Assertion helpers; the conftest registers them for assertion rewriting."""


def assert_status(response, status):
    assert response["status"] == status


def assert_body_contains(response, text):
    assert text in response["body"]
