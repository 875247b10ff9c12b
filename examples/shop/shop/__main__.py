"""Command line: ``python -m shop serve|seed|check-config``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from shop.config import load_settings, validate
from shop.models import Money, Product
from shop.storage import SqliteRepository
from shop.web import make_server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="shop")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the API and the storefront")
    serve.add_argument("--db", required=True, type=Path)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", default=8000, type=int)
    seed = commands.add_parser("seed", help="load products from a JSON file")
    seed.add_argument("--db", required=True, type=Path)
    seed.add_argument("file", type=Path)
    check = commands.add_parser("check-config", help="validate the settings")
    check.add_argument("--config", type=Path)
    args = parser.parse_args(argv)

    if args.command == "check-config":
        settings = load_settings(args.config)
        problems = validate(settings)
        print(
            json.dumps({"ok": not problems, "problems": problems, "settings": settings.to_dict()})
        )
        return 1 if problems else 0

    repo = SqliteRepository(args.db)
    try:
        if args.command == "seed":
            records = json.loads(args.file.read_text(encoding="utf-8"))
            for record in records:
                price = Money(record["price_cents"], record.get("currency", "EUR"))
                repo.save_product(
                    Product(
                        record["sku"],
                        record["name"],
                        price,
                        record.get("category", "misc"),
                        record.get("stock", 0),
                    )
                )
            print(f"seeded {len(records)} products")
            return 0
        server = make_server(repo, args.host, args.port)
        port = server.server_address[1]
        print(f"shop listening on http://{args.host}:{port}", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
        return 0
    finally:
        repo.close()


if __name__ == "__main__":
    sys.exit(main())
