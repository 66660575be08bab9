"""Helper processes that end with the process that started them, even when it is killed."""

from __future__ import annotations

import ctypes
import os
import signal
from contextlib import suppress

_SET_PARENT_DEATH_SIGNAL = 1  # prctl's PR_SET_PDEATHSIG
_SET_DUMPABLE = 4  # prctl's PR_SET_DUMPABLE


def end_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when `parent` ends (even by kill -9); end now if it has.

    Elsewhere than Linux nothing is asked, and the process ends in its own time.
    """
    _prctl(_SET_PARENT_DEATH_SIGNAL, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request above was made
        os._exit(1)


def keep_out_other_processes() -> None:
    """Stop other processes of the same account from reading this one's memory or files
    (ptrace, /proc/<pid>/mem, pidfd_getfd): Linux's "not dumpable". Inherited by forks."""
    _prctl(_SET_DUMPABLE, 0)


def _prctl(option: int, value: int) -> None:
    """Linux's prctl(option, value); nothing where there is none (not Linux)."""
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(option, value)
