"""The site's search: an index built from the Index, read by `/tim-kiem/` in the browser.

Vietnamese readers type with or without diacritics, `d` for `đ`, and either tone-mark
style; the index folds all of that into one key per word and keeps the spelling for
ranking (see `text`). It is split into small gzip files so that the first query of a
national site (100,000 records) fetches a few dozen kilobytes, not the whole index
(see `files` and docs/benchmarks.md). No mkdocs import here: the adapter calls
`write_search_index` after the pages are written, or `write_search_index_soon` in the live
preview, where the edited page must not wait for the index.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from generator.index import Index
from generator.search.documents import facet_values, iter_documents
from generator.search.files import Written, write_index
from generator.site.output import staged_output

__all__ = ["INDEX_FOLDER", "write_search_index", "write_search_index_soon"]

INDEX_FOLDER = "tim-kiem/chi-muc"  # beside the search page, which fetches `chi-muc/…`

log = logging.getLogger(__name__)


def write_search_index(index: Index, site_dir: Path) -> Written:
    """Replace `site_dir/tim-kiem/chi-muc/` with the index of everything published.

    The new index is written beside the old one and swapped in whole, so a browser never
    reads half of one and half of the other.
    """
    started = time.perf_counter()
    with _old_objects_left_to_rest(), staged_output(site_dir / INDEX_FOLDER) as staging:
        written = write_index(staging, iter_documents(index), partial(facet_values, index))
    log.info(
        "chỉ mục tìm kiếm: %d mục, %d từ, %d cặp từ, %d tệp, %.1f MB, %.1f giây",
        written.documents,
        written.words,
        written.pairs,
        written.files,
        written.bytes / 1e6,
        time.perf_counter() - started,
    )
    return written


@contextmanager
def _old_objects_left_to_rest() -> Iterator[None]:
    """Keep the garbage collector off what exists already (the Index, the site's data) while
    the index is written: indexing allocates millions of objects, and each full collection
    walked the whole Index again (0.3 s of 4 at 10,000 records). Garbage made meanwhile is
    still collected. A caller that froze objects itself (before forking) is left alone."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# The preview writes the index once rebuilds pause for this long: indexing (5 s for 10,000
# records) while the editor keeps saving would slow every rebuild it overlaps — one process,
# one GIL — and only the last index counts. With 3 s, benchmarks/serve_bench.py (an edit
# every 3 s) was served in up to 4.2 s instead of 2–3 s.
PREVIEW_QUIET_S = 10.0


class _Latest:
    """One background thread writing the newest index asked for, once requests pause."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._job: tuple[Index, Path] | None = None
        self._due = 0.0
        self._running = False

    def submit(self, index: Index, site_dir: Path) -> None:
        with self._changed:
            self._job = (index, site_dir)
            self._due = time.monotonic() + PREVIEW_QUIET_S
            self._changed.notify()
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._work, name="guongsang-tim-kiem", daemon=True).start()

    def _work(self) -> None:
        while True:
            with self._changed:
                while self._job is not None and (wait := self._due - time.monotonic()) > 0:
                    self._changed.wait(wait)
                job, self._job = self._job, None
                if job is None:
                    self._running = False
                    return
            try:
                write_search_index(*job)
            except Exception:  # the preview goes on; the next edit tries again
                log.exception("không ghi được chỉ mục tìm kiếm")


_latest = _Latest()


def write_search_index_soon(index: Index, site_dir: Path) -> None:
    """For the live preview: write the index in the background once edits pause, so that
    an edited page is served at once; searches see the edit a few seconds later."""
    _latest.submit(index, site_dir)
