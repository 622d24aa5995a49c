"""Hypothesis settings shared by the property tests.

CI runs a fixed sequence of examples, so a run's outcome depends on the code alone;
`GUONGSANG_FUZZ=<count>` explores that many fresh random examples per test (as
tests/test_fuzz.py does with content). A failure found that way is kept as an `@example`.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import settings

EXPLORE = os.environ.get("GUONGSANG_FUZZ", "").isdigit()


def property_settings(examples: int, **overrides: Any) -> settings:
    """`examples` fixed examples in CI, or GUONGSANG_FUZZ fresh ones; no deadline unless
    `overrides` sets one."""
    chosen: dict[str, Any] = {"deadline": None, **overrides}
    return settings(
        max_examples=int(os.environ["GUONGSANG_FUZZ"]) if EXPLORE else examples,
        derandomize=not EXPLORE,
        database=None,
        **chosen,
    )
