"""decode_bytes: BOMs, strict UTF-8, cp1252, latin-1, lossy UTF-8, and binary rejection."""

from __future__ import annotations

import codecs

import pytest

from wirewatch.errors import TerminalError
from wirewatch.ingest.decoding import decode_bytes
from wirewatch.schemas import BINARY, UNDECODABLE

SAMPLE = "Café “talks” in São Paulo — naïve résumé, Grüße aus Köln, 北京 and Łódź."
ARTICLE = (
    "Les ministres réunis à Genève ont salué l'accord conclu après des négociations "
    "difficiles. « Nous avons fait un pas décisif », a déclaré la porte-parole. "
)


def test_plain_utf8_decodes_as_utf8():
    assert decode_bytes(SAMPLE.encode("utf-8")) == (SAMPLE, "utf-8")


def test_plain_ascii_decodes_as_utf8():
    text = "Kenya and Ethiopia sign border pact.\n"
    assert decode_bytes(text.encode("ascii")) == (text, "utf-8")


def test_utf8_with_bom_decodes_as_utf8_sig_without_bom():
    text, encoding = decode_bytes(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"))
    assert encoding == "utf-8-sig"
    assert text == SAMPLE
    assert "\ufeff" not in text


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
    ids=["utf16-le", "utf16-be", "utf32-le", "utf32-be"],
)
def test_unicode_with_bom_decodes_without_bom(bom, codec, expected):
    text, encoding = decode_bytes(bom + SAMPLE.encode(codec))
    assert encoding == expected
    assert text == SAMPLE


def test_utf16_le_with_bom_is_not_mistaken_for_binary_despite_nul_bytes():
    data = codecs.BOM_UTF16_LE + "Ankara said on Friday.".encode("utf-16-le")
    assert b"\x00" in data
    assert decode_bytes(data) == ("Ankara said on Friday.", "utf-16-le")


def test_utf16_bom_with_truncated_code_unit_is_undecodable():
    data = codecs.BOM_UTF16_LE + "Ankara".encode("utf-16-le") + b"A"
    with pytest.raises(TerminalError) as excinfo:
        decode_bytes(data)
    assert excinfo.value.reason == UNDECODABLE


def test_cp1252_bytes_decode_as_cp1252_with_curly_quotes_dash_and_accent():
    text = "He said “no” — the café’s owner, José, refused."
    data = text.encode("cp1252")
    assert b"\x93" in data and b"\x97" in data and b"\xe9" in data
    assert decode_bytes(data) == (text, "cp1252")


def test_bytes_invalid_in_utf8_and_cp1252_fall_back_to_latin1():
    # 0x81 is undefined in cp1252 and invalid in UTF-8; the rest is ordinary Latin-1 prose.
    data = ARTICLE.encode("latin-1") + b"Code \x81 inconnu. " + ARTICLE.encode("latin-1")
    text, encoding = decode_bytes(data)
    assert encoding == "latin-1"
    assert "Genève" in text and "déclaré" in text
    assert text == data.decode("latin-1")


@pytest.mark.parametrize(
    "text",
    [
        # Each text already has a multi-byte character before the cut one, as a real UTF-8
        # article does: a lone trailing lead byte after pure ASCII could as well be cp1252.
        "Der Präsident sagte Grüße",  # 2-byte sequence cut after its lead byte
        "Zürich prices rose 5 €",  # 3-byte sequence cut after 1 or 2 bytes
        "Leaders met in 北京",  # 3-byte CJK
        "Crowds in Bogotá cheered 🎉",  # 4-byte sequence cut after 1, 2 or 3 bytes
    ],
    ids=["2-byte", "3-byte", "cjk", "4-byte"],
)
def test_utf8_truncated_inside_last_character_decodes_as_utf8(text):
    full = text.encode("utf-8")
    last = text[-1].encode("utf-8")
    for cut in range(1, len(last)):
        text_out, encoding = decode_bytes(full[:-cut])
        assert encoding == "utf-8"
        assert text_out == text[:-1]


def test_utf8_ending_in_complete_multibyte_character_keeps_it():
    text = "Leaders met in 北京 and Łódź 🎉"
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


def test_long_utf8_with_one_stray_byte_decodes_as_utf8_lossy_keeping_accents():
    body = ARTICLE * 20
    encoded = body.encode("utf-8")
    data = encoded[:1000] + b"\xff" + encoded[1000:]
    text, encoding = decode_bytes(data)
    assert encoding == "utf-8-lossy"
    assert text == body
    assert "é" in text and "à" in text
    assert "\ufffd" not in text
    assert "Ã" not in text  # no mojibake from a cp1252 fallback


def test_short_cp1252_text_is_not_taken_for_lossy_utf8():
    text = "Bogotá, Quito and Medellín agreed."
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


def test_empty_bytes_decode_to_empty_text():
    assert decode_bytes(b"") == ("", "utf-8")


def test_nul_bytes_are_quarantined_binary():
    with pytest.raises(TerminalError) as excinfo:
        decode_bytes(b"Kenya and Ethiopia\x00\x00 sign pact")
    assert excinfo.value.reason == BINARY


def test_utf16_without_bom_is_quarantined_binary():
    with pytest.raises(TerminalError) as excinfo:
        decode_bytes("Kenya and Ethiopia sign pact".encode("utf-16-le"))
    assert excinfo.value.reason == BINARY


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        b"%PDF-1.4\nplain looking text after the signature\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00word/document.xml",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"GIF89a\x01\x00\x01\x00",
    ],
    ids=["pdf", "pdf-textlike", "png", "zip", "gzip", "jpeg", "gif"],
)
def test_binary_signature_is_quarantined_binary(data):
    with pytest.raises(TerminalError) as excinfo:
        decode_bytes(data)
    assert excinfo.value.reason == BINARY


def test_control_bytes_without_nul_are_quarantined_undecodable():
    data = bytes(range(1, 32)) * 50
    assert b"\x00" not in data
    with pytest.raises(TerminalError) as excinfo:
        decode_bytes(data)
    assert excinfo.value.reason == UNDECODABLE


def test_text_with_too_many_control_characters_is_quarantined_undecodable():
    data = ("Ankara said \x07\x1b on Friday. " * 10).encode("ascii")
    with pytest.raises(TerminalError) as excinfo:
        decode_bytes(data)
    assert excinfo.value.reason == UNDECODABLE


def test_control_character_limit_is_configurable():
    data = ("Ankara said \x07 on Friday. " * 10).encode("ascii")
    text, encoding = decode_bytes(data, max_control_char_ratio=0.1)
    assert encoding == "utf-8"
    assert text.startswith("Ankara said")


def test_tabs_and_newlines_are_not_control_characters():
    text = "Title:\tPact\r\n\r\nKenya\tand Ethiopia\fsigned.\n" * 20
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
