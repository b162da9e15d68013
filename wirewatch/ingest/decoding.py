"""Bytes -> text: BOM-marked Unicode first, then strict UTF-8; a file that is not UTF-8 is
decoded line by line (UTF-8, UTF-8 with rare bad bytes dropped, Windows-1252, Latin-1), and
recorded as `mixed` when it mixes UTF-8 lines with single-byte ones. Checks reject binary
files (a signature, or a NUL anywhere in the file) and text no encoding makes plausible.

Raises `TerminalError` with reason `binary` or `undecodable`; returns (text, encoding name).
"""

from __future__ import annotations

import codecs
import re

from wirewatch.errors import TerminalError
from wirewatch.schemas import BINARY, UNDECODABLE

# Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Leading signatures of formats people drop into article folders by mistake.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx/odt/zip)"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (doc/xls)"),
    (b"\x7fELF", "ELF executable"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
)

# UTF-8 is accepted despite invalid bytes when they are this rare and the rest is real UTF-8:
# a stray byte in a long UTF-8 article should not turn every accented letter into mojibake.
_MAX_UTF8_ERROR_RATIO = 0.001

# C0 and C1 control characters other than whitespace, plus the replacement character.
_IMPLAUSIBLE_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _strip_incomplete_utf8_tail(data: bytes) -> bytes:
    """Drop a multi-byte sequence cut off by truncation at the very end, if there is one.

    Only when the rest of the file has non-ASCII bytes too: a lone high byte at the end of an
    otherwise ASCII file is more likely a cp1252 letter than a cut UTF-8 character."""
    if data[:-3].isascii():
        return data
    for cut in range(1, 4):
        if len(data) < cut:
            break
        lead = data[-cut]
        if lead & 0xC0 == 0x80:  # continuation byte: keep looking back for the lead
            continue
        expected = (
            2
            if lead >> 5 == 0b110
            else 3
            if lead >> 4 == 0b1110
            else 4
            if lead >> 3 == 0b11110
            else 0
        )
        if expected > cut:
            return data[:-cut]
        break
    return data


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_IMPLAUSIBLE_CHARS.findall(text)) / len(text)


def _binary_kind(data: bytes) -> str | None:
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    # The whole file, not a prefix: one rule wherever the NUL sits.
    nul = data.find(b"\x00")
    if nul >= 0:
        return f"NUL byte at offset {nul} (binary data, or UTF-16 without a byte-order mark)"
    return None


def decode_bytes(data: bytes, *, max_control_char_ratio: float = 0.01) -> tuple[str, str]:
    """Decode article bytes; return (text, encoding) or raise TerminalError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            codec = "utf-8" if encoding == "utf-8-sig" else encoding
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise TerminalError(
                    UNDECODABLE, f"{encoding} byte-order mark, but invalid at byte {exc.start}"
                ) from exc
            return _checked(text, encoding, max_control_char_ratio), encoding

    kind = _binary_kind(data)
    if kind is not None:
        raise TerminalError(BINARY, kind)

    text, encoding = _decode_without_bom(data)
    return _checked(text, encoding, max_control_char_ratio), encoding


def _decode_without_bom(data: bytes) -> tuple[str, str]:
    """Strict UTF-8 for the whole file; failing that, line by line (see `_decode_line`)."""
    trimmed = _strip_incomplete_utf8_tail(data)
    try:
        return trimmed.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # A file pasted together from a UTF-8 and a cp1252 source is common: decoding it whole as
    # cp1252 would garble every UTF-8 line. Each line is decoded on its own instead.
    lines = data.split(b"\n")
    tail_cut = len(data) - len(trimmed)
    texts: list[str] = []
    used: set[str] = set()
    for index, line in enumerate(lines):
        if line.isascii():
            texts.append(line.decode("ascii"))
            continue
        last = index == len(lines) - 1
        text, encoding = _decode_line(line, line[: len(line) - tail_cut] if last else line)
        texts.append(text)
        used.add(encoding)
    return "\n".join(texts), _file_encoding(used)


def _decode_line(line: bytes, utf8_candidate: bytes) -> tuple[str, str]:
    """One non-ASCII line: UTF-8, else UTF-8 with rare bad bytes dropped when the line has
    real multi-byte characters, else cp1252, else latin-1. `utf8_candidate` is the line
    without a multi-byte character cut off at the end of the file."""
    try:
        return utf8_candidate.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lenient = utf8_candidate.decode("utf-8", errors="replace")
    n_errors = lenient.count("\ufffd")
    n_multibyte = sum(1 for ch in lenient if ord(ch) > 0x7F) - n_errors
    if n_multibyte > 0 and n_errors <= max(1, int(len(line) * _MAX_UTF8_ERROR_RATIO)):
        return lenient.replace("\ufffd", ""), "utf-8-lossy"
    try:
        return line.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return line.decode("latin-1"), "latin-1"


def _file_encoding(used: set[str]) -> str:
    """The encoding recorded for the file: `mixed` when some lines were UTF-8 and others a
    single-byte encoding, else the one family used (latin-1 if any line needed it)."""
    utf8 = used & {"utf-8", "utf-8-lossy"}
    single_byte = used & {"cp1252", "latin-1"}
    if utf8 and single_byte:
        return "mixed"
    if single_byte:
        return "latin-1" if "latin-1" in single_byte else "cp1252"
    return "utf-8-lossy"


def _checked(text: str, encoding: str, max_ratio: float) -> str:
    nul = text.find("\x00")
    if nul >= 0:  # a NUL character is never article text, whatever the encoding
        raise TerminalError(BINARY, f"NUL character at position {nul} (decoded as {encoding})")
    ratio = _control_ratio(text)
    if ratio > max_ratio:
        raise TerminalError(
            UNDECODABLE,
            f"decoded as {encoding}, but {ratio:.1%} of characters are control characters",
        )
    return text
