"""Persistence: orders in SQLite."""

from __future__ import annotations

import sqlite3

from bookstore.models import Order


class OrderStore:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        connection.execute("CREATE TABLE IF NOT EXISTS orders (email TEXT, total INTEGER)")

    def save(self, order: Order) -> None:
        self.connection.execute(
            "INSERT INTO orders VALUES (?, ?)", (order.customer.email, order.total_cents)
        )

    def totals(self) -> list[int]:
        return [row[0] for row in self.connection.execute("SELECT total FROM orders")]
