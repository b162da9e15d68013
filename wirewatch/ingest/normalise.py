"""Normalise stage: file bytes -> one clean document per file.

Input: `RawFile` records (bytes + stat). Output: `Document` records with decoded, NFC-normalised
text; page furniture stripped (weather widgets, "Must read", Patreon appeals, "More News",
share/subscribe lines, credit trailers, author bios at the end); an optional metadata header
(`Title:`, `Outlet:`, `Published:`, `URL:`) parsed; the headline, byline and dateline split off
the body; language detected on the body alone; `doc_id` = hash of the normalised body.

Quarantine reasons: `binary`, `undecodable` (from decoding), `empty_file`, `no_text`, and
`normalise_failed` when normalising one file raised anything else (a bug its bytes trigger):
that file is set aside with the message and the batch goes on.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

from wirewatch.config import NormaliseSettings
from wirewatch.errors import TerminalError, TransientError
from wirewatch.feeds.extract import article_text, extract_html
from wirewatch.ingest.datelines import Dateline, split_dateline
from wirewatch.ingest.decoding import decode_bytes
from wirewatch.ingest.language import LanguageDetector
from wirewatch.schemas import (
    EMPTY_FILE,
    NO_TEXT,
    NORMALISE_FAILED,
    Document,
    QuarantineRecord,
    RawFile,
    StageResult,
)

_MAX_ERROR_DETAIL = 500
# Files read as HTML pages (article extraction) rather than as text.
HTML_SUFFIXES = (".html", ".htm")

# Bump when a change alters bodies (and so doc_ids) of the same input.
NORMALISER_VERSION = "1"

# Publication dates outside this range are dropped (stored as NULL): placeholders such as
# 0001-01-01 or 9999-12-31 would otherwise anchor every relative date of the article.
PLAUSIBLE_PUBLISHED = (date(1800, 1, 1), date(2199, 12, 31))

# --- whitespace and invisible characters --------------------------------------------------
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")  # any whitespace except newline, incl. NBSP
# Whitespace that _HORIZONTAL_SPACE would change: most texts have none, and skipping the
# substitution then saves a replacement per word. (Substring tests beat a regex scan here.)
_IRREGULAR_SPACES = (
    "  ",
    *(chr(c) for c in range(0x110000) if chr(c).isspace() and chr(c) not in " \n"),
)

# --- metadata header ----------------------------------------------------------------------
_HEADER_LINE = re.compile(
    r"^(?P<key>title|headline|outlet|source|publication|published|date|url|link|byline|author)"
    r"\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "publication": "outlet",
    "published": "published",
    "date": "published",
    "url": "url",
    "link": "url",
    "byline": "byline",
    "author": "byline",
}

# --- page furniture -----------------------------------------------------------------------
# A whole line that is one of these navigation or promotion labels (optional trailing ':').
_FURNITURE_LINE = re.compile(
    r"^(?:must[- ]read|read more|read also|also read|see also|related|related (?:articles|news|"
    r"stories|content|posts|coverage)|recommended(?: for you)?|more news|latest news|latest|"
    r"top stories|most read|most popular|popular|trending(?: now)?|advertisement|advert|ad|"
    r"sponsored(?: content)?|share(?: this)?(?: (?:article|story|post))?|tweet|print|email|"
    r"comments?|leave a (?:comment|reply)|continue reading|you may also like|you might also like|"
    r"don'?t miss|editor'?s (?:picks?|choice)|watch|listen|subscribe(?: now)?|sign up|"
    r"follow us|skip to (?:main )?content|back to top|home|menu|search|enditem|\(?end\)?|"
    r"-+ ?end ?-+)\s*[:.]?$",
    re.IGNORECASE,
)
# A line that contains one of these is promotion or boilerplate, whatever else it says.
_FURNITURE_PHRASE = re.compile(
    r"patreon|liked it\?|become a (?:patron|member|subscriber)\b|"
    # Phrases that also occur in news prose only count at the start of a line.
    r"^support (?:us\b|our (?:work|journalism|reporting))|^subscribe to (?:our|the)\b|"
    r"^sign up (?:for|to) (?:our|the)\b|\bour (?:\w+ ){0,2}newsletter\b|follow us on\b|"
    r"share (?:this|on) (?:facebook|twitter|x|whatsapp|linkedin)\b|click here to\b|"
    r"all rights reserved|^©|^copyright\b|^\(?c\) ?\d{4}|"
    r"published from a wire (?:agency )?feed|^tags?\s*:|^(?:photo|image|file photo|picture)\s*:|"
    r"^read more\s*[:|\-–—]|^(?:also read|read also|see also|related)\s*[:|\-–—]",
    re.IGNORECASE,
)
# Lower-case fragments of which every _FURNITURE_PHRASE match contains one: a cheap substring
# test that spares the regex on the vast majority of (ordinary) paragraphs.
_FURNITURE_HINTS = (
    "patreon",
    "liked it",
    "become a",
    "support ",
    "subscribe",
    "sign up",
    "newsletter",
    "follow us",
    "share ",
    "click here",
    "rights reserved",
    "©",
    "copyright",
    "(c)",
    "wire feed",
    "agency feed",
    "tag",
    "photo",
    "image",
    "picture",
    "read ",
    "see also",
    "related",
)
# Wire credit trailers: "(Reporting by Jane Doe; Editing by John Roe)" or the same unbracketed
# when it is nothing but names; "Reporting by local media suggested ..." is prose and stays.
_CREDIT_LINE = re.compile(
    r"^\(\s*(?:(?:additional )?reporting|writing|editing|compiled|translated)\s+by\b[^()]*\)$"
    r"|^(?:(?:additional )?reporting|writing|editing)\s+by\s+"
    r"[A-ZÀ-Þ][\w.'’\-]+(?:\s+(?:and\s+)?[A-ZÀ-Þ][\w.'’\-]+){0,5}"
    r"(?:\s*[;,]\s*(?:(?:additional )?reporting|writing|editing)\s+by\s+[^;]{1,80}){0,3}\.?$",
    re.IGNORECASE,
)
# Temperature line of a weather widget ("-0.1 C", "21°C", "68 °F") ...
_WEATHER_LINE = re.compile(r"^[-+−]?\d{1,3}(?:[.,]\d{1,2})?\s*°?\s*[CF]$")
# ... usually followed by the widget's place name: a few capitalised words, no punctuation.
_WIDGET_PLACE = re.compile(r"^[A-ZÀ-Þ][\w'’\-]*(?: [\w'’\-]+){0,3}$")
# Author bio at the end: "Jane Doe is a correspondent covering ..." / "About the author".
_AUTHOR_BIO = re.compile(
    r"^(?:(?i:about the author)\b|(?:[A-ZÀ-Þ][\w.'’\-]+ ){1,3}(?:is|was|has been) (?:a|an|the)\b"
    r"[^.]{0,120}\b(?:journalist|reporter|correspondent|writer|editor|contributor|columnist|"
    r"analyst|author|freelancer|freelance|fellow|producer|photographer)\b)",
)
_BYLINE = re.compile(
    r"^by\s+(?P<name>[A-ZÀ-Þ][\w.'’\-]+(?:\s+(?:[A-ZÀ-Þ][\w.'’\-]+|van|von|de|da|al|bin)){0,4}"
    r"(?:\s*(?:,|and|&)\s*[A-ZÀ-Þ][\w.'’\-]+(?:\s+[A-ZÀ-Þ][\w.'’\-]+){0,3})*)"
    r"(?:\s*[,|\-–—]\s*.{0,60})?$",
    re.IGNORECASE,
)
# Xinhua and others close the copy with an end marker glued to the last sentence.
_END_MARKER = re.compile(r"\s*(?:\benditem|\(end\)|-+ ?end ?-+)\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)\]]$")

# Outlet labels in front of a headline: "BREAKING: ...", "UPDATE 2-...", "EXCLUSIVE-...".
_HEADLINE_LABEL = re.compile(
    r"^(?:breaking(?: news)?|update(?: \d+)?|exclusive|watch|video|live|analysis|factbox)"
    r"\s*[:\-–—|]\s*",
    re.IGNORECASE,
)
# Headlines are short and do not end like a sentence.
_MAX_TITLE_CHARS = 200
_MAX_TITLE_WORDS = 30


@dataclass(frozen=True, slots=True)
class NormalisedText:
    title: str | None
    byline: str | None
    outlet: str | None
    url: str | None
    published_date: date | None
    dateline: Dateline | None
    body: str


@lru_cache(maxsize=4)
def language_detector(cfg: NormaliseSettings) -> LanguageDetector:
    """One detector per settings value: profiles load once per process."""
    return LanguageDetector(
        min_chars=cfg.min_lang_chars,
        min_prob=cfg.min_lang_prob,
        sample_chars=cfg.lang_sample_chars,
        windows=cfg.lang_windows,
    )


def _clean_lines(text: str) -> list[str]:
    """NFC, unified newlines, invisible characters removed, runs of spaces collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _INVISIBLE.sub("", text)
    if any(space in text for space in _IRREGULAR_SPACES):
        text = _HORIZONTAL_SPACE.sub(" ", text)
    return [line.strip() for line in text.split("\n")]


def _parse_date(value: str) -> date | None:
    """The header's publication date, or None when it is missing, unreadable or outside
    `PLAUSIBLE_PUBLISHED` (`0001-01-01` is a placeholder, not a date to reason from)."""
    value = value.strip()
    if not value:
        return None
    parsed: date | None = None
    try:
        parsed = date.fromisoformat(value[:10])
    except ValueError:
        try:
            parsed = datetime.fromisoformat(value).date()
        except ValueError:
            try:
                parsed = parsedate_to_datetime(value).date()
            # OverflowError: a year too long for a C long ("01 Jan 99999999999999999999").
            except (TypeError, ValueError, IndexError, OverflowError):
                return None
    if not PLAUSIBLE_PUBLISHED[0] <= parsed <= PLAUSIBLE_PUBLISHED[1]:
        return None
    return parsed


def _split_header(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """A block of known `Key: value` lines at the very top, ended by a blank line."""
    header: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not line:
            if header:
                return header, lines[index + 1 :]
            return {}, lines
        match = _HEADER_LINE.match(line)
        if match is None:
            return {}, lines
        header.setdefault(_HEADER_KEYS[match.group("key").lower()], match.group("value").strip())
    return {}, lines  # the whole file is "Key: value" lines: not a header, leave it be


def _paragraphs(lines: list[str]) -> list[str]:
    """Non-empty lines become paragraphs; a hard-wrapped line continues the previous one."""
    paragraphs: list[str] = []
    previous_blank = True
    for line in lines:
        if not line:
            previous_blank = True
            continue
        if (
            paragraphs
            and not previous_blank
            and not _SENTENCE_END.search(paragraphs[-1])
            and line[0].islower()
        ):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        previous_blank = False
    return paragraphs


def _has_furniture_phrase(paragraph: str) -> bool:
    lowered = paragraph.lower()
    if not any(hint in lowered for hint in _FURNITURE_HINTS):
        return False
    return _FURNITURE_PHRASE.search(paragraph) is not None


def _is_furniture(paragraph: str) -> bool:
    return bool(
        _FURNITURE_LINE.match(paragraph)
        or (len(paragraph) <= 300 and _has_furniture_phrase(paragraph))
        or _CREDIT_LINE.match(paragraph)
    )


def _strip_furniture(paragraphs: list[str]) -> list[str]:
    # Weather widget among the first lines: temperature, then usually its place name.
    head = 0
    for index in range(min(4, len(paragraphs))):
        if _WEATHER_LINE.match(paragraphs[index]):
            head = index + 1
            if (
                head < len(paragraphs)
                and _WIDGET_PLACE.match(paragraphs[head])
                and len(paragraphs[head].split()) <= 4
            ):
                head += 1
            break
    kept = [p for p in paragraphs[head:] if not _is_furniture(p)]
    # Author bios and short leftovers of navigation only count as furniture at the very end.
    while kept and _AUTHOR_BIO.match(kept[-1]):
        kept.pop()
    if kept:
        # Only the last few characters can hold an end marker; searching there keeps the
        # leading \s* from backtracking through the whole paragraph.
        marker = _END_MARKER.search(kept[-1], max(0, len(kept[-1]) - 40))
        if marker is not None:
            kept[-1] = kept[-1][: marker.start()]
            if not kept[-1]:
                kept.pop()
    return kept


def _looks_like_title(paragraph: str) -> bool:
    return (
        len(paragraph) <= _MAX_TITLE_CHARS
        and len(paragraph.split()) <= _MAX_TITLE_WORDS
        and not re.search(r"[.!:;,]$", paragraph)
        and (paragraph[0].isupper() or paragraph[0].isdigit())
    )


def normalise_text(text: str) -> NormalisedText:
    """Split decoded text into metadata, title, byline, dateline and clean body."""
    header, lines = _split_header(_clean_lines(text))
    paragraphs = _strip_furniture(_paragraphs(lines))

    title = header.get("title") or None
    byline = header.get("byline") or None
    if title and paragraphs and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]

    for index in range(min(3, len(paragraphs))):
        byline_match = _BYLINE.match(paragraphs[index])
        if byline_match is not None and len(paragraphs[index]) <= 120:
            byline = byline or byline_match.group("name").strip()
            del paragraphs[index]
            break

    # Wire copy: headline (and perhaps a deck) above the lead, whose dateline opens it.
    # Whatever sits above a dateline was added by the outlet: the first line is the title.
    dateline: Dateline | None = None
    for index in range(min(3, len(paragraphs))):
        found, rest = split_dateline(paragraphs[index])
        if found is not None and rest.strip():
            dateline = found
            above = paragraphs[:index]
            paragraphs = [rest.strip(), *paragraphs[index + 1 :]]
            if above:
                title = title or above[0]
            break
        if not _looks_like_title(paragraphs[index]):
            break  # the lead has no dateline; later paragraphs are body

    if dateline is None and len(paragraphs) >= 2 and _looks_like_title(paragraphs[0]):
        headline = paragraphs.pop(0)
        title = title or headline

    return NormalisedText(
        title=_HEADLINE_LABEL.sub("", title) if title else None,
        byline=byline,
        outlet=header.get("outlet") or None,
        url=header.get("url") or None,
        published_date=_parse_date(header.get("published", "")),
        dateline=dateline,
        body="\n".join(paragraphs),
    )


def document_id(body: str) -> str:
    """128-bit hex digest of the normalised body: equal bodies share an id, across runs."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]


def normalise_documents(
    files: Sequence[RawFile],
    *,
    cfg: NormaliseSettings,
    detector: LanguageDetector | None = None,
) -> StageResult:
    """Normalise a batch; bad files become quarantine rows, the rest documents."""
    detector = detector or language_detector(cfg)
    result = StageResult(counts={"normalise_seconds": 0.0, "lang_seconds": 0.0})
    started = time.perf_counter()
    lang_seconds = 0.0
    for raw in files:
        try:
            document, seconds = _normalise_file(raw, detector, cfg)
        except TerminalError as error:
            result.quarantine.append(error_record(raw, error))
            continue
        except TransientError:
            raise
        except Exception as exc:  # a bug one file triggers must not stop the batch
            detail = f"{type(exc).__name__}: {exc}"[:_MAX_ERROR_DETAIL]
            result.quarantine.append(error_record(raw, TerminalError(NORMALISE_FAILED, detail)))
            continue
        lang_seconds += seconds
        result.rows.append(document)
    result.counts["normalise_seconds"] = time.perf_counter() - started
    result.counts["lang_seconds"] = lang_seconds
    return result


def _normalise_file(
    raw: RawFile, detector: LanguageDetector, cfg: NormaliseSettings
) -> tuple[Document, float]:
    """One file's document and the seconds its language detection took; raises
    TerminalError for bad input."""
    stat = raw.stat
    if not raw.content:
        raise TerminalError(EMPTY_FILE, "file has 0 bytes")
    # A file path, not a feed article's URL (whose text is already extracted).
    if os.path.isabs(raw.stat.path) and raw.stat.path.lower().endswith(HTML_SUFFIXES):
        text, encoding = _saved_page_text(raw.content), "html"
    else:
        text, encoding = decode_bytes(
            raw.content, max_control_char_ratio=cfg.max_control_char_ratio
        )
    parts = normalise_text(text)
    del text  # a huge file: do not hold its decoded text beside the body
    if not parts.body:
        raise TerminalError(
            NO_TEXT, "no text left after removing whitespace, header and page furniture"
        )
    lang_started = time.perf_counter()
    guess = detector.detect(parts.body)
    lang_seconds = time.perf_counter() - lang_started
    dateline = parts.dateline
    document = Document(
        doc_id=document_id(parts.body),
        source_path=stat.path,
        seq=stat.seq,
        size=stat.size,
        mtime_ns=stat.mtime_ns,
        sha256=raw.sha256,
        encoding=encoding,
        title=parts.title,
        byline=parts.byline,
        outlet=parts.outlet,
        url=parts.url,
        published_date=parts.published_date,
        dateline_place=dateline.place if dateline else None,
        dateline_month=dateline.month if dateline else None,
        dateline_day=dateline.day if dateline else None,
        dateline_agency=dateline.agency if dateline else None,
        dateline_raw=dateline.raw if dateline else None,
        lang=guess.lang,
        lang_prob=guess.prob,
        n_chars=len(parts.body),
        body=parts.body,
        normaliser_version=NORMALISER_VERSION,
    )
    return document, lang_seconds


def _saved_page_text(content: bytes) -> str:
    """A saved web page: its article text under a metadata header, as feed articles get."""
    extracted = extract_html(content)
    if extracted is None:
        raise TerminalError(NO_TEXT, "no article text found in the HTML page")
    return article_text(
        extracted.text,
        title=extracted.title,
        author=extracted.author,
        outlet=extracted.sitename,
        published=extracted.published,
    )


def error_record(raw: RawFile, error: TerminalError) -> QuarantineRecord:
    """Quarantine row for a file whose bytes were read."""
    return QuarantineRecord(
        path=raw.stat.path,
        reason=error.reason,
        detail=error.detail,
        size=raw.stat.size,
        mtime_ns=raw.stat.mtime_ns,
        sha256=raw.sha256,
        seq=raw.stat.seq,
    )
