"""The output folder of a corpus run: a folder we can write into, held by one run at a time.

:func:`usable_folder` creates the folder, or says in one line why it cannot be used (a file in
the way, no permission, a read-only disk); :func:`check_folder` says so before any work, creating
nothing. :func:`lock_folder` holds ``OUT/.corpus.lock`` for the
length of a run; a second run on the same folder is refused, naming the PID of the first.

The lock is an advisory ``flock`` on the file, which the kernel releases when the process that
holds it ends, however it ends (even by SIGKILL or a crash): a killed run leaves no stale lock,
and the next run on the folder simply takes it. The file holds the PID, host and start time of
the run for the message, and is removed when the run ends. Where ``fcntl`` is missing (Windows)
the lock is the file itself, created exclusively; the message then says to remove it when the
run it names (its PID) is no longer alive.
"""
from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

LOCK_NAME = ".corpus.lock"


class OutputFolderError(RuntimeError):
    """An output folder that cannot be used, or that another run holds; the message says why."""


def usable_folder(path: str | Path, *, option: str = "--out") -> Path:
    """``path`` as a folder that exists and that we can write into (created if missing)."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise OutputFolderError(f"{option} {path}: a file of that name is in the way, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputFolderError(f"{option} {path}: cannot create the folder ({exc.strerror or exc})") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise OutputFolderError(f"{option} {path}: cannot write into the folder (permission denied)")
    return path


def check_folder(path: str | Path, *, option: str = "--out") -> Path:
    """Whether ``path`` could be used as an output folder, creating nothing: a folder we can write
    into, or a missing one whose nearest existing parent is such a folder."""
    path = Path(path)
    if path.exists():
        if not path.is_dir():
            raise OutputFolderError(f"{option} {path}: a file of that name is in the way, not a folder")
        if not os.access(path, os.W_OK | os.X_OK):
            raise OutputFolderError(f"{option} {path}: cannot write into the folder (permission denied)")
        return path
    parent = path.absolute().parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise OutputFolderError(f"{option} {path}: cannot create the folder ({parent} is a file, not a folder)")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputFolderError(f"{option} {path}: cannot create the folder (no permission to write into {parent})")
    return path


def _holder(lock: Path) -> str:
    """What the lock file says about the run that holds it ("" when unreadable)."""
    try:
        return " ".join(lock.read_text(encoding="utf-8", errors="replace").split())
    except OSError:
        return ""


@contextlib.contextmanager
def lock_folder(path: str | Path) -> Iterator[Path]:
    """Hold ``path/.corpus.lock`` for the block; :class:`OutputFolderError` if another run holds it."""
    lock = Path(path) / LOCK_NAME
    stamp = f"pid {os.getpid()} on {socket.gethostname()} since {time.strftime('%Y-%m-%d %H:%M:%S %Z')}\n"
    if fcntl is None:
        yield from _exclusive_file(lock, stamp)
        return
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputFolderError(f"{path}: cannot write into the folder ({exc.strerror or exc})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            held = _holder(lock)
            raise OutputFolderError(
                f"{path} is in use by another corpus run ({held or 'PID unknown'}): wait for it to end, or stop "
                f"it, or choose another --out. The lock ({lock}) is released when that process ends, even when "
                "it is killed, so a run that is no longer alive never blocks.") from None
        try:
            same = os.fstat(fd).st_ino == os.stat(lock).st_ino
        except FileNotFoundError:
            same = False
        if same:  # not a file the run before us removed after we opened it
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, stamp.encode("utf-8"))
        yield lock
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(fd)


def _exclusive_file(lock: Path, stamp: str) -> Iterator[Path]:
    try:
        fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise OutputFolderError(
            f"{lock.parent} is in use by another corpus run ({_holder(lock) or 'PID unknown'}): wait for it to "
            f"end, or choose another --out. If that process is no longer alive (a killed run), remove {lock} "
            "and run again.") from None
    except OSError as exc:
        raise OutputFolderError(f"{lock.parent}: cannot write into the folder ({exc.strerror or exc})") from None
    try:
        os.write(fd, stamp.encode("utf-8"))
        os.close(fd)
        yield lock
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
