"""A tiny double-entry ledger: the code under test."""

from decimal import Decimal


class Ledger:
    def __init__(self, currency="EUR"):
        self.currency = currency
        self.entries = []

    def post(self, account, amount):
        self.entries.append((account, Decimal(amount)))

    def balance(self, account=None):
        return sum(
            (amount for name, amount in self.entries if account in (None, name)),
            Decimal(0),
        )


def convert(amount, rate):
    return (Decimal(amount) * Decimal(rate)).quantize(Decimal("0.01"))
