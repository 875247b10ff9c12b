"""Clients of the inventory service."""

CREATED = []


def make_client():
    client = {"url": "http://inventory.invalid"}
    CREATED.append(client)
    return client
