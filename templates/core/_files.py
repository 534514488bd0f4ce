"""What a file argument is: the `FileInput` annotation and its marker.

Apart from `_upload` (which sends files) so that importing a client loads only this; the upload
machinery loads with the first call that sends a file.
"""

import os
from typing import IO, Annotated

__all__ = ["UPLOAD", "FileData", "FileInput"]

FileData = str | os.PathLike[str] | bytes | IO[bytes]


class _UploadMarker:
    """Marks the `FileInput` annotation, so the argument check takes it apart from other unions."""

    def __repr__(self) -> str:
        return "UPLOAD"


UPLOAD = _UploadMarker()
# What a file argument accepts: the data, or (filename, data, content_type).
FileInput = Annotated[FileData | tuple[str, FileData, str], UPLOAD]
