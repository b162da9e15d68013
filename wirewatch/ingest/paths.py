"""File paths as stored text: one lossless, reversible escaping for names that are not UTF-8.

On POSIX a file name is bytes; Python hands it over as `str` with each byte that is not part of
valid UTF-8 turned into a lone surrogate (surrogateescape), which Arrow and DuckDB VARCHAR
refuse. Stored text is the path's bytes decoded as UTF-8 with two escapes: a byte outside valid
UTF-8 becomes `\\xNN` (two lowercase hex digits) and a literal backslash becomes `\\\\`. Every
backslash in stored text thus starts an escape, so the mapping is one-to-one and `path_from_text`
gives back the exact bytes; a valid UTF-8 path without backslashes is stored unchanged.
"""

from __future__ import annotations

import os
import re

_ESCAPE = re.compile(r"\\(\\|x[0-9a-f]{2})")


def path_to_text(os_path: str) -> str:
    """An OS path (possibly carrying surrogate escapes) -> valid UTF-8 text for the database."""
    if "\\" not in os_path and os_path.isascii():
        return os_path  # the common case, no work
    raw = os.fsencode(os_path)
    return raw.replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace")


def path_from_text(text: str) -> str:
    """Stored text -> the OS path it was made from (the inverse of `path_to_text`)."""
    if "\\" not in text:
        return text
    parts: list[bytes] = []
    last = 0
    for match in _ESCAPE.finditer(text):
        parts.append(text[last : match.start()].encode("utf-8"))
        escape = match.group(1)
        parts.append(b"\\" if escape == "\\" else bytes([int(escape[1:], 16)]))
        last = match.end()
    parts.append(text[last:].encode("utf-8"))
    return os.fsdecode(b"".join(parts))
