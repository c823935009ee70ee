"""Replace an output file or folder in one step, so a killed run never leaves it half-written."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
from pathlib import Path


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder renamed over it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def swap_into_place(tmp: Path, out: Path) -> None:
    """Move folder ``tmp`` to ``out``; afterwards ``tmp`` holds the previous output, if any.

    On Linux the two folders are exchanged atomically (renameat2); elsewhere the old
    folder is renamed aside first, leaving a moment in which ``out`` is missing. ``tmp``
    (made private by ``tempfile.mkdtemp``) gets the permissions of a folder made with
    ``mkdir`` under the current umask (usually 0o755) first.
    """
    tmp.chmod(0o777 & ~current_umask())
    if not out.exists():
        os.replace(tmp, out)
        return
    if _exchange(tmp, out):
        return
    old = out.with_name(f".{out.name}.old")
    if old.exists():
        shutil.rmtree(old)
    os.replace(out, old)
    os.replace(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where it is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EPERM):
        return False  # the file system or kernel cannot exchange: fall back to two renames
    raise OSError(code, os.strerror(code), str(b))


def current_umask() -> int:
    """Return the process umask (read by setting it and setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
