"""Persistence and remote access: a SQLite repository, a TTL cache and a JSON HTTP client."""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shop.models import Money, Order, Product

SCHEMA = """
CREATE TABLE IF NOT EXISTS products (
    sku TEXT PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL,
    currency TEXT NOT NULL, category TEXT NOT NULL, stock INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY, email TEXT NOT NULL, total_cents INTEGER NOT NULL,
    currency TEXT NOT NULL, status TEXT NOT NULL
);
"""


class SqliteRepository:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._conn: sqlite3.Connection | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = sqlite3.connect(self.path, check_same_thread=False)
            self._conn.executescript(SCHEMA)
        return self._conn

    @property
    def closed(self) -> bool:
        return self._conn is None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def save_product(self, product: Product) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO products VALUES (?, ?, ?, ?, ?, ?)",
                (
                    product.sku,
                    product.name,
                    product.price.cents,
                    product.price.currency,
                    product.category,
                    product.stock,
                ),
            )

    def get_product(self, sku: str) -> Product | None:
        row = self.conn.execute("SELECT * FROM products WHERE sku = ?", (sku,)).fetchone()
        return None if row is None else _product(row)

    def list_products(self) -> list[Product]:
        rows = self.conn.execute("SELECT * FROM products ORDER BY sku").fetchall()
        return [_product(row) for row in rows]

    def save_order(self, order: Order) -> None:
        total = order.total
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO orders VALUES (?, ?, ?, ?, ?)",
                (order.id, order.customer.email, total.cents, total.currency, order.status.value),
            )

    def order_status(self, order_id: int) -> str | None:
        row = self.conn.execute("SELECT status FROM orders WHERE id = ?", (order_id,)).fetchone()
        return None if row is None else str(row[0])

    def count_orders(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0])

    def clear(self) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM products")
            self.conn.execute("DELETE FROM orders")


def _product(row: tuple[Any, ...]) -> Product:
    sku, name, cents, currency, category, stock = row
    return Product(sku, name, Money(cents, currency), category, stock)


class CacheClient:
    """An in-process cache with per-key expiry, shaped like a networked cache client."""

    def __init__(self, ttl: float = 300, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self._data: dict[str, tuple[float, Any]] = {}
        self.hits = 0
        self.misses = 0

    def set(self, key: str, value: Any, ttl: float | None = None) -> None:
        self._data[key] = (self.clock() + (self.ttl if ttl is None else ttl), value)

    def get(self, key: str, default: Any = None) -> Any:
        entry = self._data.get(key)
        if entry is None or entry[0] <= self.clock():
            self._data.pop(key, None)
            self.misses += 1
            return default
        self.hits += 1
        return entry[1]

    def delete(self, key: str) -> None:
        self._data.pop(key, None)

    def flush(self) -> None:
        self._data.clear()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._data)


class HttpClient:
    """A tiny JSON client for the shop API (``urllib`` only)."""

    def __init__(self, base_url: str, timeout: float = 5.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def _request(self, method: str, path: str, payload: Any = None) -> Any:
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(
            self.base_url + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return json.loads(response.read().decode("utf-8"))

    def get_json(self, path: str) -> Any:
        return self._request("GET", path)

    def post_json(self, path: str, payload: Any) -> Any:
        return self._request("POST", path, payload)
