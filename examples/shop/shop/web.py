"""The shop's HTTP API and storefront page (``http.server``; for demos and tests)."""

from __future__ import annotations

import html
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from shop import __version__
from shop.catalog import format_price
from shop.models import Customer, LineItem, Order
from shop.storage import SqliteRepository


def make_server(
    repo: SqliteRepository, host: str = "127.0.0.1", port: int = 0
) -> ThreadingHTTPServer:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with lock:
                if self.path == "/health":
                    self._json(200, {"status": "ok", "version": __version__})
                elif self.path == "/api/products":
                    self._json(200, [_product_json(p) for p in repo.list_products()])
                elif self.path.startswith("/api/products/"):
                    product = repo.get_product(self.path.rsplit("/", 1)[1])
                    if product is None:
                        self._json(404, {"error": "not found"})
                    else:
                        self._json(200, _product_json(product))
                elif self.path == "/":
                    self._storefront()
                else:
                    self._json(404, {"error": "not found"})

        def do_POST(self) -> None:
            if self.path != "/api/orders":
                self._json(404, {"error": "not found"})
                return
            length = int(self.headers.get("Content-Length", 0))
            payload = json.loads(self.rfile.read(length) or b"{}")
            with lock:
                product = repo.get_product(str(payload.get("sku")))
                if product is None:
                    self._json(422, {"error": "unknown sku"})
                    return
                customer = Customer(id=0, email=payload.get("email", ""), name="web")
                order = Order(
                    repo.count_orders() + 1,
                    customer,
                    [LineItem(product, int(payload.get("quantity", 1)))],
                )
                repo.save_order(order)
            self._json(
                201,
                {"id": order.id, "total_cents": order.total.cents, "status": order.status.value},
            )

        def _storefront(self) -> None:
            rows = "".join(
                f"<li data-sku='{p.sku}'>{html.escape(p.name)} - {format_price(p.price)}</li>"
                for p in repo.list_products()
            )
            self._send(200, "text/html; charset=utf-8", f"<h1>Shop</h1><ul>{rows}</ul>".encode())

        def _json(self, status: int, body: Any) -> None:
            self._send(status, "application/json", json.dumps(body).encode("utf-8"))

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # quiet by default
            pass

    return ThreadingHTTPServer((host, port), Handler)


def _product_json(product: Any) -> dict[str, Any]:
    return {
        "sku": product.sku,
        "name": product.name,
        "price_cents": product.price.cents,
        "currency": product.price.currency,
        "category": product.category,
        "stock": product.stock,
    }
