"""Settings: defaults, overridden by a JSON file and by ``SHOP_*`` environment variables."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

ENVIRONMENTS = ("development", "test", "staging", "production")


@dataclass(frozen=True)
class Settings:
    environment: str = "development"
    currency: str = "EUR"
    tax_rate: str = "0.19"
    database_path: str = "shop.db"
    cache_ttl_seconds: int = 300
    api_base_url: str = "http://127.0.0.1:8000"
    mail_sender: str = "orders@shop.example"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def validate(settings: Settings) -> list[str]:
    """Return every problem with ``settings`` (an empty list means they are usable)."""
    problems = []
    if settings.environment not in ENVIRONMENTS:
        problems.append(f"unknown environment {settings.environment!r}")
    if len(settings.currency) != 3 or not settings.currency.isupper():
        problems.append(f"currency must be an ISO code, got {settings.currency!r}")
    if not settings.api_base_url.startswith(("http://", "https://")):
        problems.append("api_base_url must be an http(s) URL")
    if settings.cache_ttl_seconds < 0:
        problems.append("cache_ttl_seconds must not be negative")
    return problems


def load_settings(path: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    environ = dict(os.environ) if environ is None else environ
    settings = Settings()
    if path is not None:
        settings = replace(settings, **json.loads(path.read_text(encoding="utf-8")))
    overrides: dict[str, Any] = {}
    for item in fields(Settings):
        value = environ.get(f"SHOP_{item.name.upper()}")
        if value is not None:
            overrides[item.name] = int(value) if item.type == "int" else value
    return replace(settings, **overrides)
