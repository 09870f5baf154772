"""Faults of the machine, not of the input, that stop a run: each named in one line with its own exit code.

Bad input never stops a run (it becomes an `errors` row); these do: the disk fills up, a folder
is not writable, `--out` is a file, an input vanishes mid-run, the dask scheduler cannot be
reached or is lost, another run holds the output, Ctrl-C or SIGTERM. The run keeps what it
committed; `describe` says what failed and how to go on, and the CLI prints it with the number of
committed documents and the command that continues the run.
"""
from __future__ import annotations

import errno
import signal
from dataclasses import dataclass
from pathlib import Path

from pipeline.store.commit import OutputLocked

# One exit code per fault (2 stays the CLI's usage error; 128 + N for a signal, as shells do).
EXIT_OUT_NOT_A_FOLDER = 3
EXIT_NO_SPACE = 4
EXIT_PERMISSION = 5
EXIT_INPUT_VANISHED = 6
EXIT_SCHEDULER = 7
EXIT_LOCKED = 8


class Interrupted(BaseException):
    """SIGINT (Ctrl-C) or SIGTERM: a BaseException, so that no per-document handler swallows it."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class InputVanished(Exception):
    def __init__(self, path: str):
        super().__init__(f"input vanished: {path}")
        self.path = path


class SchedulerUnreachable(Exception):
    def __init__(self, address: str, detail: str):
        super().__init__(f"cannot reach the dask scheduler at {address}: {detail}")
        self.address = address


class SchedulerLost(Exception):
    def __init__(self, address: str, detail: str):
        super().__init__(f"lost the dask scheduler {address}: {detail}")
        self.address = address


class RunStopped(Exception):
    """A run stopped by `cause`; `committed_documents` are in the output, readable."""

    def __init__(self, cause: BaseException, committed_documents: int):
        super().__init__(str(cause))
        self.cause, self.committed_documents = cause, committed_documents


@dataclass
class Fault:
    what: str  # what failed, with the path or address
    exit_code: int
    remedy: str  # what to do before running again ("" for nothing)


def describe(exc: BaseException, out: str) -> Fault | None:
    """The fault behind an exception, or None for anything else (a bug: shown with its traceback)."""
    if isinstance(exc, Interrupted):
        how = "Ctrl-C (SIGINT)" if exc.signum == signal.SIGINT else signal.Signals(exc.signum).name
        return Fault(f"interrupted by {how}", 128 + exc.signum, "")
    if isinstance(exc, OutputLocked):
        return Fault(str(exc), EXIT_LOCKED, "wait for it to end, or use another --out")
    if isinstance(exc, InputVanished):
        return Fault(str(exc), EXIT_INPUT_VANISHED, "put the input back")
    if isinstance(exc, SchedulerUnreachable):
        return Fault(str(exc), EXIT_SCHEDULER, "start the scheduler (or leave out --scheduler)")
    if isinstance(exc, SchedulerLost):
        return Fault(str(exc), EXIT_SCHEDULER, "restart the scheduler and its workers")
    if isinstance(exc, OSError):
        where = exc.filename or out
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return Fault(f"no space left on the device writing {where}", EXIT_NO_SPACE, "free some space")
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return Fault(f"permission denied: {where}", EXIT_PERMISSION, f"make {where} writable")
        if exc.errno in (errno.ENOTDIR, errno.EEXIST):
            return Fault(f"--out {out} is not a folder: {_first_file(Path(where))} is a file",
                         EXIT_OUT_NOT_A_FOLDER, "use another --out")
    return None


def _first_file(path: Path) -> Path:
    """The path itself or the ancestor of it that is a file (what makes it no folder)."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return path
