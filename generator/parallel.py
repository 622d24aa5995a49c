"""Work spread over every core by forking: each child inherits what is built read-only.

The site (index, plan, templates, frames) is built once, then `fork()` gives every worker
a copy-on-write view of it at no cost: nothing is pickled but each task's small result.
The heap is frozen for the garbage collector first, so that collections in the children
do not touch (and so copy) the objects they share. Output is byte-identical whatever the
number of workers: each page is written from its own plan alone, by exactly one worker.
The loader forks the same way before anything is built, to read runs of the content
files (`generator.load`); there the models come back pickled.

Only `guongsang build` and `check` fork; the live preview has a server thread
running and rebuilds a handful of pages, so it works in-process.
"""

from __future__ import annotations

import gc
import os
import pickle
import struct
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

T = TypeVar("T")

JOBS_ENV = "GUONGSANG_JOBS"


# Below this many pages, forking (and the search index in a process of its own) costs more
# than it saves: the bundled 16-record sample builds fastest on one core, in one process.
FORK_MIN_PAGES = 1000


def default_jobs(pages: int | None = None) -> int:
    """The cores this process may run on (a container's share, not the host's count); one
    while other threads run, since a fork copies their locks in whatever state they are."""
    override = os.environ.get(JOBS_ENV, "")
    if override.isdigit() and int(override) > 0:
        return int(override)
    if threading.active_count() > 1 or (pages is not None and pages < FORK_MIN_PAGES):
        return 1
    return max(1, len(os.sched_getaffinity(0)))


class WorkerError(Exception):
    """A forked worker failed; the message carries its traceback."""


@dataclass(slots=True)
class _Child:
    pid: int
    read_fd: int


def _start(task: Callable[[], T]) -> _Child:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report, and leave without the parent's clean-ups
        os.close(read_fd)
        code = 0
        try:
            payload = pickle.dumps(("ok", task()))
        except BaseException:  # every failure goes back to the parent
            payload = pickle.dumps(("error", traceback.format_exc()))
            code = 1
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(payload)
        os._exit(code)
    os.close(write_fd)
    return _Child(pid, read_fd)


def _collect(child: _Child) -> object:
    with os.fdopen(child.read_fd, "rb") as pipe:
        data = pipe.read()
    os.waitpid(child.pid, 0)
    if not data:
        raise WorkerError(f"worker {child.pid} died without a result")
    status, value = pickle.loads(data)  # our own child, through our own pipe
    if status != "ok":
        raise WorkerError(str(value))
    return value


def run_forked(tasks: Sequence[Callable[[], T]], *, in_parent: int | None = 0) -> list[T]:
    """Run every task at once, each in a forked child except task `in_parent`, which runs
    here meanwhile; results in task order. One failure fails the whole run, after every
    child has ended."""
    # No collection first: it walked the whole heap in this process (0.3 s at 10,000
    # records) to find next to nothing, since the models are freed by reference counting;
    # what garbage is frozen with the rest is collected once the heap is unfrozen.
    gc.freeze()
    try:
        children = {i: _start(task) for i, task in enumerate(tasks) if i != in_parent}
        results: dict[int, object] = {}
        failure: BaseException | None = None
        if in_parent is not None:
            try:
                results[in_parent] = tasks[in_parent]()
            except BaseException as error:  # reap the children first
                failure = error
        for i, child in children.items():
            try:
                results[i] = _collect(child)
            except WorkerError as error:
                failure = failure or error
        if failure is not None:
            raise failure
        return [results[i] for i in range(len(tasks))]  # type: ignore[misc]
    finally:
        gc.unfreeze()


_NUMBER = struct.Struct(">I")
_PIPE_CAPACITY = 65536  # Linux's default: the whole queue is written before anyone reads


def run_shared(tasks: Sequence[Callable[[], T]], *, workers: int) -> list[T]:
    """Run `tasks` on `workers` forked children, each taking the next task as soon as it is
    free; results in task order. This process waits, so that what a task builds (the search
    index's tables) never adds to its own memory.

    Tasks of unequal length (the search index, the open data, runs of pages) then keep
    every core busy to the end with no more processes than cores: a process of its own for
    the search index beside one per core made three processes share two cores. The queue is
    a pipe filled with the task numbers before the fork; a read of one number is atomic, so
    each task runs exactly once. One failure fails the run, after every child has ended; a
    failed worker takes no further tasks.
    """
    if len(tasks) * _NUMBER.size > _PIPE_CAPACITY:
        raise ValueError(f"{len(tasks)} tasks: too many for one pipe; use larger tasks")
    queue_read, queue_write = os.pipe()
    os.write(queue_write, b"".join(_NUMBER.pack(i) for i in range(len(tasks))))
    os.close(queue_write)  # an empty queue then reads as the end
    try:
        parts = run_forked([partial(_take_tasks, tasks, queue_read)] * workers, in_parent=None)
    finally:
        os.close(queue_read)
    done = {number: value for part in parts for number, value in part.items()}
    return [done[i] for i in range(len(tasks))]


def _take_tasks(tasks: Sequence[Callable[[], T]], queue: int) -> dict[int, T]:
    done: dict[int, T] = {}
    while len(data := os.read(queue, _NUMBER.size)) == _NUMBER.size:
        (number,) = _NUMBER.unpack(data)
        done[number] = tasks[number]()
    return done


def runs(items: Sequence[T], count: int) -> list[Sequence[T]]:
    """At most `count` consecutive runs of nearly equal length: a worker then writes whole
    stretches of a folder, not every other page of it beside another worker."""
    size = -(-len(items) // max(1, count))
    return [items[i : i + size] for i in range(0, len(items), size)] if items else []
