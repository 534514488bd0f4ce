"""One file replaced atomically, with the mode an editor would give it: the one write every
command makes (generate, import, init), kept apart so a command that only writes a spec does not
load the output tree's bookkeeping."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

__all__ = ["atomic_write"]


def _new_file_mode() -> int:
    """The mode `open()` gives a new file: 0666 less the umask (0644 under the usual 022).

    The umask can only be read by setting it; it is set straight back.
    """
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(target: Path, data: bytes) -> None:
    """Replace `target` with `data` through a temporary file and a rename.

    The file gets the mode an editor would give it: an existing file's own, else the umask's
    (mkstemp alone makes it 0600, unreadable to CI, containers and other users).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = _new_file_mode()
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
