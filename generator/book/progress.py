"""Progress of a book build on stderr.

On a terminal, a run that lasts more than a second gets a one-line bar naming the stage and,
while WeasyPrint lays pages out, the page it has reached. Elsewhere (CI logs, pipes) each
stage is logged once, so logs stay short.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO

log = logging.getLogger("guongsang.book")

_LAYOUT_PAGE = re.compile(r"Step 5 - Creating layout - Page (\d+)")
_REPAGINATION = re.compile(r"Repagination #(\d+)")
_BAR_WIDTH = 20


class Progress:
    def __init__(
        self,
        stages: Sequence[str],
        stream: TextIO | None = None,
        *,
        delay: float = 1.0,
        interval: float = 0.1,
        interactive: bool | None = None,
    ) -> None:
        self.stages = list(stages)
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.delay = delay  # short runs finish before a bar would be worth drawing
        self.interval = interval  # redraws at most this often, so the bar costs nothing
        self.started = time.monotonic()
        self.done = 0
        self.label = ""
        self.detail = ""
        self.last_draw = 0.0
        self.drawn = False

    def stage(self, label: str) -> None:
        if self.label:
            self.done += 1
        self.label, self.detail = label, ""
        if self.interactive:
            self._draw(force=True)
        else:
            log.info("%s…", label)

    def note(self, detail: str) -> None:
        self.detail = detail
        if self.interactive:
            self._draw()

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False

    def _draw(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if now - self.started < self.delay or (not force and now - self.last_draw < self.interval):
            return
        self.last_draw = now
        filled = round(_BAR_WIDTH * self.done / max(len(self.stages), 1))
        bar = "█" * filled + "░" * (_BAR_WIDTH - filled)
        detail = f": {self.detail}" if self.detail else ""
        self.stream.write(f"\r\x1b[K{bar} {self.done}/{len(self.stages)} {self.label}{detail}")
        self.stream.flush()
        self.drawn = True

    @contextmanager
    def weasyprint_pages(self) -> Iterator[None]:
        """Follow WeasyPrint's own progress messages without letting them reach the log."""
        logger = logging.getLogger("weasyprint.progress")
        handler = _LayoutHandler(self)
        saved = logger.level, logger.propagate
        logger.setLevel(logging.INFO)
        logger.propagate = False
        logger.addHandler(handler)
        try:
            yield
        finally:
            logger.removeHandler(handler)
            logger.setLevel(saved[0])
            logger.propagate = saved[1]


class _LayoutHandler(logging.Handler):
    def __init__(self, progress: Progress) -> None:
        super().__init__(logging.INFO)
        self.progress = progress
        self.pass_number = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if repagination := _REPAGINATION.search(message):
            self.pass_number = int(repagination.group(1))
        elif page := _LAYOUT_PAGE.search(message):
            again = f" (dàn lại lần {self.pass_number})" if self.pass_number else ""
            self.progress.note(f"trang {page.group(1)}{again}")
