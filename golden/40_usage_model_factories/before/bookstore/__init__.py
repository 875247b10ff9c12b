"""A tiny bookstore application."""
