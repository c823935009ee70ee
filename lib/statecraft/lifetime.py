"""Worker processes end with the process that started them (shared helper).

A pool's workers are separate processes: if the parent is killed with SIGKILL, nothing
tells them to stop and they keep running with parent 1. On Linux each worker asks the
kernel for SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG); elsewhere a daemon
thread in the worker polls the parent's pid and exits when it changes.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Make this process end when its parent ends (a ``ProcessPoolExecutor`` initializer)."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="statecraft-parent-watch").start()


def _watch(parent: int, interval: float = 1.0) -> None:
    while os.getppid() == parent:
        time.sleep(interval)
    os._exit(1)
