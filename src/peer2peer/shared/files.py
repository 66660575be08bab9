"""Writing files safely (a crash leaves the old version or the new one, never half of either),
reading files others can change without following a link or waiting on a pipe, and reading a
file parsed once per version (a page reads its settings again at each visit, parsing only what
changed)."""

from __future__ import annotations

import copy
import json
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def atomic_write_json(path: Path, data: Any, mode: int = 0o600) -> None:
    """Write JSON: temporary file in the same folder, mode 0600, fsync, then rename over."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    atomic_write_bytes(path, text.encode("utf-8"), mode)


def atomic_write_text(path: Path, text: str) -> None:
    """Write text the same safe way: temporary file, mode 0600, fsync, then rename over."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write bytes the safe way: temporary file in the same folder, fsync, then rename over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


#: How a folder someone else can change is opened: for reading, never through a link.
FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


class NotPlain(OSError):
    """What was asked for is a link, a folder, a pipe or too big: it was not read."""


def open_folder(path: Path | str, at: int | None = None) -> int:
    """A folder's handle (relative to folder handle `at`); an OSError if it is a link."""
    return os.open(path, FOLDER_FLAGS, dir_fd=at)


def read_plain(path: Path | str, most: int, at: int | None = None) -> bytes:
    """A plain file's bytes, opened once without following a link or waiting on a pipe.

    `path` is relative to folder handle `at` when given. Raises FileNotFoundError when there
    is nothing there, NotPlain for a link, folder, pipe or file over `most` bytes: what is
    checked is the very file that is read.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        handle = os.open(path, flags, dir_fd=at)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise NotPlain("not a plain file") from error
    try:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode) or found.st_size > most:
            raise NotPlain("not a plain file, or too big")
        data = b""
        while chunk := os.read(handle, most + 1 - len(data)):
            data += chunk
            if len(data) > most:
                raise NotPlain("too big")
        return data
    finally:
        os.close(handle)


#: (file, parser) -> (the version of the file parsed, what the parser made of it)
_PARSED: dict[tuple[str, Callable[[str], Any]], tuple[tuple[int, ...], Any]] = {}


def read_parsed(path: Path, parse: Callable[[str], Any]) -> Any:
    """`parse` of the UTF-8 text at `path`, parsed again only when the file changed since.

    The version is that of the very file read (device, inode, size, modified and changed
    times), so a file replaced or written since is always parsed afresh; each caller gets
    its own copy of what was parsed.
    """
    with path.open("rb") as stream:
        info = os.fstat(stream.fileno())
        version = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        key = (str(path.absolute()), parse)
        kept = _PARSED.get(key)
        if kept is None or kept[0] != version:
            kept = (version, parse(stream.read().decode("utf-8")))
            _PARSED[key] = kept
    return copy.deepcopy(kept[1])
