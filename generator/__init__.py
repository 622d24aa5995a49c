"""Gương sáng: a static site and book generator for exemplary collectives and individuals."""

from __future__ import annotations

__version__ = "0.1.0"
