"""Notifications: channels register themselves in a module-level registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from shop.models import Order


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str


Channel = Callable[[Message], None]

# channel name -> callable; the application registers "email" at startup.
REGISTRY: dict[str, Channel] = {}


def register(name: str, channel: Channel) -> None:
    if name in REGISTRY:
        raise ValueError(f"channel {name!r} is already registered")
    REGISTRY[name] = channel


def reset() -> None:
    REGISTRY.clear()


def order_confirmation(order: Order, sender: str) -> Message:
    lines = [f"{item.quantity} x {item.product.name}" for item in order.items]
    body = "\n".join([f"Thank you, {order.customer.name}!", *lines, f"Total: {order.total}"])
    return Message(order.customer.email, f"Order {order.id} confirmed (from {sender})", body)


def notify(message: Message, channels: list[str] | None = None) -> list[str]:
    """Send ``message`` on the given channels (all registered ones by default)."""
    names = sorted(REGISTRY) if channels is None else channels
    sent = []
    for name in names:
        REGISTRY[name](message)
        sent.append(name)
    return sent
