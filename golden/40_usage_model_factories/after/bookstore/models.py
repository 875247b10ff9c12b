"""The bookstore's models."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Book:
    isbn: str
    title: str
    price_cents: int


@dataclass
class Customer:
    name: str
    email: str


@dataclass
class Order:
    customer: Customer
    books: list[Book] = field(default_factory=list)

    @property
    def total_cents(self) -> int:
        return sum(book.price_cents for book in self.books)
