"""Coding stage: canonical documents in, one `event_mentions` row per coded sentence event out.

`code_documents(docs, *, coder, gazetteer, tone, run_id, coded_at)` takes an Arrow table with
the `CODING_DOCUMENTS` schema (doc_id, body, published_date, dateline month/day/place) and
calls the event coder (`wirewatch/coding/events.py`, interface C of docs) on each body. For every
event it
adds:

- the date (`wirewatch/coding/dates.py`), from the event's sentence against the article's date;
- the place (`wirewatch/coding/places.py`): the sentence's place cue, else the dateline's place,
  else none
  (`location_source` says which), disambiguated by the actors' countries;
- the sentence's tone (`wirewatch/coding/tone.py`, 100 x VADER compound), and the document's
  GDELT-style
  tone on its `coded_documents` row;
- `event_id`, the identity of the distinct event: a hash of (coder version, date, precision,
  actor1 code, actor2 code, event code, place id). Mentions sharing it are one `events` row.

Output: `CodingResult.mentions` (schema `EVENT_MENTIONS`, the column order of migration 006),
`CodingResult.coded_documents` (schema `CODED_DOCUMENTS`: every document coded, also those with
no event, so they are not coded again) and counters (seconds per part). Offsets index the body.

Long documents: only the first `MAX_CODED_CHARS` characters of a body are coded, cut at the
last sentence or line end before the cap (`coded_documents.n_chars_coded` records how much). A
one-line 20 MB file would otherwise hold millions of tokens and actor mentions at once; news
puts its events in the first paragraphs.

Failure: an exception while coding one document (a coder bug its text triggers) does not fail
the batch: the document gets a `coded_documents` row with `coding_error = coding_failed` and
the message, which the store turns into a quarantine row (stage `coding`), and is not coded
again by this coder version. `TransientError` is re-raised.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

import pyarrow as pa

from wirewatch.coding.actors import ActorMention
from wirewatch.coding.dates import resolve_event_date
from wirewatch.coding.events import CodedEvent
from wirewatch.coding.places import Gazetteer, Place
from wirewatch.coding.tone import ToneScorer
from wirewatch.errors import TransientError
from wirewatch.schemas import (
    CODED_DOCUMENTS,
    CODING_FAILED,
    EVENT_MENTIONS,
    LOCATION_FROM_DATELINE,
    LOCATION_FROM_SENTENCE,
    LOCATION_NONE,
    MAX_CODED_CHARS,
)

_GLOBAL_ID_MASK = (1 << 63) - 1
# Where a cut body may end: after a sentence's punctuation and a space, or at a line end.
_CUT_POINT = re.compile(r"[.!?][\"\u201d\u2019')\]]?\s|\n")
_MAX_ERROR_DETAIL = 500


class Coder(Protocol):
    """What the stage needs from `wirewatch.coding.events.EventCoder` (interface C)."""

    version: str

    def split_sentences(self, text: str) -> list[tuple[int, int]]: ...

    def code_text(
        self, text: str, ref_date: date | None = None, spans: list[tuple[int, int]] | None = None
    ) -> list[CodedEvent]: ...


@dataclass
class CodingResult:
    mentions: pa.Table
    coded_documents: pa.Table
    counts: dict[str, float] = field(default_factory=dict)


def event_id(
    coder_version: str,
    event_date: date | None,
    precision: str,
    actor1_code: str | None,
    actor2_code: str | None,
    event_code: str,
    place_id: str | None,
) -> str:
    """Identity of a distinct event: 32 hex characters of the sha256 of its defining parts."""
    parts = (
        coder_version,
        event_date.isoformat() if event_date else "",
        precision,
        actor1_code or "",
        actor2_code or "",
        event_code,
        place_id or "",
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def global_event_id(event_id_text: str) -> int:
    """A stable 63-bit integer for GDELT-shaped exports: the first 8 bytes of md5(event_id),
    little-endian, shifted right once. Equals DuckDB's `md5_number_upper(event_id) >> 1`,
    which `rebuild_events.sql` uses."""
    digest = hashlib.md5(event_id_text.encode("utf-8")).digest()
    return (int.from_bytes(digest[:8], "little") >> 1) & _GLOBAL_ID_MASK


def _actor_columns(actor: ActorMention | None) -> tuple[Any, ...]:
    if actor is None:
        return (None,) * 7
    return (
        actor.code,
        actor.name,
        actor.country,
        actor.known_group,
        actor.role,
        actor.start,
        actor.end,
    )


def _locate(
    gazetteer: Gazetteer, sentence: str, dateline_place: str | None, countries: frozenset[str]
) -> tuple[Place | None, str]:
    place = gazetteer.locate(sentence, countries)
    if place is not None:
        return place, LOCATION_FROM_SENTENCE
    place = gazetteer.from_dateline(dateline_place, countries)
    if place is not None:
        return place, LOCATION_FROM_DATELINE
    return None, LOCATION_NONE


def code_documents(
    docs: pa.Table,
    *,
    coder: Coder,
    gazetteer: Gazetteer,
    tone: ToneScorer,
    run_id: str,
    coded_at: datetime,
) -> CodingResult:
    """Code every document of the batch; see the module docstring."""
    version = coder.version
    mention_rows: list[tuple[Any, ...]] = []
    coded_rows: list[tuple[Any, ...]] = []
    seconds = {"code": 0.0, "dates": 0.0, "places": 0.0, "tone": 0.0}
    for doc in docs.to_pylist():
        text = coded_text(doc["body"])
        try:
            doc_mentions, coded_row = _code_document(
                doc, text, coder, gazetteer, tone, run_id, coded_at, seconds
            )
        except TransientError:
            raise
        except Exception as exc:  # one document's failure must not stop the batch
            detail = f"{type(exc).__name__}: {exc}"[:_MAX_ERROR_DETAIL]
            coded_rows.append(
                (version, doc["doc_id"], 0, 0, None, coded_at, run_id, 0, CODING_FAILED, detail)
            )
            continue
        mention_rows.extend(doc_mentions)
        coded_rows.append(coded_row)
    return CodingResult(
        mentions=_table(mention_rows, EVENT_MENTIONS),
        coded_documents=_table(coded_rows, CODED_DOCUMENTS),
        counts={
            "n_documents": float(len(coded_rows)),
            "n_mentions": float(len(mention_rows)),
            **{f"seconds_{part}": value for part, value in seconds.items()},
        },
    )


def coded_text(body: str) -> str:
    """The part of `body` the coder reads: all of it, or its first `MAX_CODED_CHARS`
    characters cut back to the last sentence or line end (else the last space)."""
    if len(body) <= MAX_CODED_CHARS:
        return body
    head = body[:MAX_CODED_CHARS]
    cut = max((m.end() for m in _CUT_POINT.finditer(head, MAX_CODED_CHARS // 2)), default=0)
    if cut == 0:
        cut = head.rfind(" ") + 1 or MAX_CODED_CHARS
    return head[:cut].rstrip()


def _code_document(
    doc: dict[str, Any],
    body: str,
    coder: Coder,
    gazetteer: Gazetteer,
    tone: ToneScorer,
    run_id: str,
    coded_at: datetime,
    seconds: dict[str, float],
) -> tuple[list[tuple[Any, ...]], tuple[Any, ...]]:
    """One document's mention rows and its coded_documents row (the coded text `body`)."""
    version = coder.version
    mention_rows: list[tuple[Any, ...]] = []
    started = time.perf_counter()
    # The publication date picks who held an office then ("the president"). The sentences
    # are split once, for the coder and for the count.
    spans = coder.split_sentences(body)
    events = coder.code_text(body, ref_date=doc["published_date"], spans=spans)
    n_sentences = len(spans)
    seconds["code"] += time.perf_counter() - started

    started = time.perf_counter()
    doc_tone = tone.document_tone(body)
    sentence_tones: dict[int, float | None] = {}
    for event in events:
        if event.sentence_index not in sentence_tones:
            sentence = body[event.sentence_start : event.sentence_end]
            sentence_tones[event.sentence_index] = tone.sentence_tone(sentence)
    seconds["tone"] += time.perf_counter() - started

    # A sentence often holds several events: its place is resolved once, its date once per
    # event verb (the date expression nearest the verb dates it).
    dates: dict[tuple[int, int], tuple[date | None, str]] = {}
    places: dict[tuple[int, frozenset[str]], tuple[Place | None, str]] = {}
    for event in events:
        sentence = body[event.sentence_start : event.sentence_end]
        started = time.perf_counter()
        date_key = (event.sentence_index, event.action_start)
        if date_key not in dates:
            dates[date_key] = resolve_event_date(
                sentence,
                published=doc["published_date"],
                dateline_month=doc["dateline_month"],
                dateline_day=doc["dateline_day"],
                action_start=event.action_start - event.sentence_start,
            )
        event_date, precision = dates[date_key]
        seconds["dates"] += time.perf_counter() - started
        started = time.perf_counter()
        countries = frozenset(
            actor.country
            for actor in (event.actor1, event.actor2)
            if actor is not None and actor.country
        )
        place_key = (event.sentence_index, countries)
        if place_key not in places:
            places[place_key] = _locate(gazetteer, sentence, doc["dateline_place"], countries)
        place, location_source = places[place_key]
        seconds["places"] += time.perf_counter() - started
        actor1 = _actor_columns(event.actor1)
        actor2 = _actor_columns(event.actor2)
        mention_rows.append(
            (
                version,
                event_id(
                    version,
                    event_date,
                    precision,
                    actor1[0],
                    actor2[0],
                    event.event_code,
                    place.feature_id if place else None,
                ),
                doc["doc_id"],
                event.sentence_index,
                event.sentence_start,
                event.sentence_end,
                event.evidence_start,
                event.evidence_end,
                *actor1,
                *actor2,
                event.event_code,
                event.event_base_code,
                event.event_root_code,
                event.quad_class,
                event.goldstein,
                event.plover_type,
                event.action_start,
                event.action_end,
                event_date,
                precision,
                place.name if place else None,
                place.country if place else None,
                place.fips if place else None,
                place.lat if place else None,
                place.lon if place else None,
                place.feature_id if place else None,
                place.location_type if place else None,
                location_source,
                sentence_tones[event.sentence_index],
                event.confidence,
                all(
                    actor.in_raw_text for actor in (event.actor1, event.actor2) if actor is not None
                ),
                event.is_lead,
                coded_at,
                run_id,
            )
        )
    return mention_rows, (
        version,
        doc["doc_id"],
        n_sentences,
        len(events),
        doc_tone,
        coded_at,
        run_id,
        len(body),
        None,
        None,
    )


def _table(rows: Sequence[tuple[Any, ...]], schema: pa.Schema) -> pa.Table:
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema.names]
    return pa.Table.from_arrays(
        [pa.array(list(values), type=f.type) for values, f in zip(columns, schema, strict=True)],
        schema=schema,
    )


def empty_mentions() -> pa.Table:
    return EVENT_MENTIONS.empty_table()


def empty_coded_documents() -> pa.Table:
    return CODED_DOCUMENTS.empty_table()
