"""Bytes -> text: BOM-marked Unicode first, then strict UTF-8, then Windows-1252, then
Latin-1, with checks that reject binary files and text no encoding makes plausible.

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
    if b"\x00" in data[:65536]:
        return "NUL bytes (binary data, or UTF-16 without a byte-order mark)"
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
    """Strict UTF-8, else UTF-8 with rare bad bytes dropped, else cp1252, else latin-1."""
    trimmed = _strip_incomplete_utf8_tail(data)
    try:
        return trimmed.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lenient = trimmed.decode("utf-8", errors="replace")
    n_errors = lenient.count("\ufffd")
    n_multibyte = sum(1 for ch in lenient if ord(ch) > 0x7F) - n_errors
    if n_multibyte > 0 and n_errors <= max(1, int(len(trimmed) * _MAX_UTF8_ERROR_RATIO)):
        return lenient.replace("\ufffd", ""), "utf-8-lossy"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _checked(text: str, encoding: str, max_ratio: float) -> str:
    ratio = _control_ratio(text)
    if ratio > max_ratio:
        raise TerminalError(
            UNDECODABLE,
            f"decoded as {encoding}, but {ratio:.1%} of characters are control characters",
        )
    return text
