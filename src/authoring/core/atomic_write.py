"""The one way this program writes a file the user cares about.

A crash, a full disk or a failing rename must never leave a half-written
course or package in place of a good one: write a temporary file beside the
target, flush it to disk, then atomically replace the target.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    target = Path(path)
    if target.is_symlink():
        # Through the link to the file it names: replacing the link would leave that file as it was.
        target = target.resolve()
    directory = target.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            # Keep the permissions the user gave the file.
            os.chmod(temp_name, target.stat().st_mode & 0o7777)
        else:
            os.chmod(temp_name, 0o666 & ~_umask())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_directory(directory)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; not possible on every platform.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


_ADVICE = {
    errno.ENOTDIR: "part of that path is a file, not a folder: choose another folder",
    errno.EEXIST: "a file of that name is in the way of the folder: choose another folder",
    errno.EACCES: "you may not write there: choose a folder of your own, or ask for write access",
    errno.EPERM: "you may not write there: choose a folder of your own, or ask for write access",
    errno.EROFS: "that disk is read-only: choose a folder on another disk",
    errno.ENOSPC: "the disk is full: free some space, or choose another disk",
    errno.EDQUOT: "your disk quota is used up: free some space, or choose another disk",
    errno.ENAMETOOLONG: "the path is too long: choose a shorter folder or file name",
}


def write_advice(exc: OSError) -> str:
    """What to do when writing failed with ``exc``, by the system's reason: one clause, no full stop."""
    return _ADVICE.get(exc.errno or 0, "check that the folder is writable and has free space")
