"""The one error a book build reports to its user."""

from __future__ import annotations


class BookError(Exception):
    """A problem that stops the book, worded in Vietnamese for the person running it."""
