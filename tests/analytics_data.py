"""A small, fully known database for the analyst views, the export and the report.

Six documents in four story clusters (one wire story with a reprint and an exact copy under
another path), seven events of the current coder version (one undated, one dated to a month,
one with no second actor), their mentions, an older coder version that must be ignored, two
runs and three quarantine rows. The expected numbers in the tests are worked out by hand from
the rows below.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from wirewatch.store import Store

CURRENT_CODER = "cameo-1.0+actors-2026.11.1"
OLD_CODER = "cameo-0.9+actors-2026.10.1"


def _at(day: int, hour: int, minute: int = 0, month: int = 2, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def _document(doc_id: str, seq: int, **columns: Any) -> dict[str, Any]:
    row = {
        "doc_id": doc_id,
        "doc_seq": seq,
        "source_path": f"/in/{doc_id[-1]}.txt",
        "title": f"title {doc_id}",
        "byline": None,
        "outlet": None,
        "url": None,
        "published_date": date(2024, 3, 1),
        "dateline_place": None,
        "dateline_month": None,
        "dateline_day": None,
        "dateline_agency": None,
        "dateline_raw": None,
        "lang": "en",
        "lang_prob": 0.99,
        "n_chars": 1000,
        "body": f"body of {doc_id}",
        "normaliser_version": "test",
        "ingested_at": _at(1, 9),
        "run_id": "r1",
    }
    row.update(columns)
    return row


DOCUMENTS = [
    _document("doc_a", 1, outlet="Reuters", url="https://example.org/a", n_chars=1000,
              title="Turkey and US hold talks on S-400", dateline_agency="Reuters"),
    _document("doc_b", 2, outlet="Daily Sabah", url="https://example.org/b", n_chars=900,
              title="Ankara, Washington talk missiles"),
    _document("doc_c", 3, outlet="Anadolu", n_chars=800, title="NATO urges Turkey to decide"),
    _document("doc_d", 4, outlet=None, lang="fr", lang_prob=0.9, n_chars=700,
              title="La Russie et la Turquie", dateline_agency="AFP"),
    _document("doc_e", 5, outlet="Reuters", n_chars=600, title="Not clustered yet"),
    _document("doc_f", 6, outlet="Daily Sabah", lang="de", n_chars=500, title="Ein anderes Thema"),
]

SOURCES = [
    ("doc_a", "/in/a.txt", "Reuters"),
    ("doc_a", "/in/a_copy.txt", "Hurriyet"),  # the same body under another path: a reprint
    ("doc_b", "/in/b.txt", "Daily Sabah"),  # a near copy of doc_a: a reprint
    ("doc_c", "/in/c.txt", "Anadolu"),
    ("doc_d", "/in/d.txt", None),
    ("doc_e", "/in/e.txt", "Reuters"),  # no cluster yet
    ("doc_f", "/in/f.txt", "Daily Sabah"),
]

CLUSTER_MEMBERS = [  # doc_id, doc_seq, cluster_id, similarity, method, is_canonical
    ("doc_a", 1, "doc_a", 1.0, "exact", True),
    ("doc_b", 2, "doc_a", 0.8, "near", False),
    ("doc_c", 3, "doc_c", 1.0, "exact", True),
    ("doc_d", 4, "doc_d", 1.0, "exact", True),
    ("doc_f", 6, "doc_f", 1.0, "exact", True),
]

STORY_CLUSTERS = [  # cluster_id, canonical, first_seen_at, last_seen_at, n_docs, n_sources
    ("doc_a", "doc_a", _at(1, 8, month=3, year=2024), _at(1, 14, 30, month=3, year=2024), 2, 3),
    ("doc_c", "doc_c", _at(2, 9, month=3, year=2024), _at(2, 9, month=3, year=2024), 1, 1),
    ("doc_d", "doc_d", _at(2, 10, month=3, year=2024), _at(2, 10, month=3, year=2024), 1, 1),
    ("doc_f", "doc_f", _at(3, 8, month=3, year=2024), _at(3, 8, month=3, year=2024), 1, 1),
]

CODED_DOCUMENTS = [  # coder_version, doc_id, doc_tone, coded_at
    (OLD_CODER, "doc_a", -9.0, _at(1, 10, month=1)),
    (CURRENT_CODER, "doc_a", -2.5, _at(1, 10)),
    (CURRENT_CODER, "doc_b", -1.0, _at(1, 10, 5)),
    (CURRENT_CODER, "doc_c", 1.5, _at(1, 10, 5)),
    (CURRENT_CODER, "doc_d", 0.0, _at(1, 10, 6)),
]

_TUR = {"code": "TURGOV", "name": "Turkey", "country": "TUR", "known_group": None, "role": "GOV"}
_TUR_BARE = {"code": "TUR", "name": "Turkey", "country": "TUR", "known_group": None, "role": None}
_TUR_OPP = {
    "code": "TUROPP", "name": "Turkish opposition", "country": "TUR", "known_group": None,
    "role": "OPP",
}
_USA = {
    "code": "USAGOV", "name": "United States", "country": "USA", "known_group": None,
    "role": "GOV",
}
_USA_BARE = {
    "code": "USA", "name": "United States", "country": "USA", "known_group": None, "role": None,
}
_NATO = {"code": "NATO", "name": "NATO", "country": None, "known_group": "NATO", "role": None}
_RUS = {"code": "RUS", "name": "Russia", "country": "RUS", "known_group": None, "role": None}
_NO_ACTOR = {"code": None, "name": None, "country": None, "known_group": None, "role": None}

_ANKARA = {
    "location_name": "Ankara, Turkey", "location_country": "TUR", "location_fips": "TU",
    "location_lat": 39.93, "location_lon": 32.86, "location_feature_id": "323786",
    "location_type": 4,
}
_TURKEY = {
    "location_name": "Turkey", "location_country": "TUR", "location_fips": "TU",
    "location_lat": 39.0, "location_lon": 35.0, "location_feature_id": "TU", "location_type": 1,
}
_WASHINGTON = {
    "location_name": "Washington, District of Columbia, United States",
    "location_country": "USA", "location_fips": "US", "location_lat": 38.9,
    "location_lon": -77.04, "location_feature_id": "531871", "location_type": 3,
}
_NOWHERE = {
    "location_name": None, "location_country": None, "location_fips": None,
    "location_lat": None, "location_lon": None, "location_feature_id": None,
    "location_type": None,
}


def _event(
    event_id: str,
    global_event_id: int,
    event_date: date | None,
    precision: str,
    actor1: dict[str, Any],
    actor2: dict[str, Any],
    codes: tuple[str, str, str],
    quad_class: int,
    goldstein: float,
    place: dict[str, Any],
    *,
    is_root: bool,
    counts: tuple[int, int, int],
    tone: float,
    first_doc_id: str,
    source_url: str | None,
    added: datetime,
    coder_version: str = CURRENT_CODER,
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "coder_version": coder_version,
        "event_id": event_id,
        "global_event_id": global_event_id,
        "event_date": event_date,
        "event_date_precision": precision,
    }
    for side, actor in (("actor1", actor1), ("actor2", actor2)):
        row.update({f"{side}_{key}": value for key, value in actor.items()})
    row.update(
        {
            "event_code": codes[0],
            "event_base_code": codes[1],
            "event_root_code": codes[2],
            "quad_class": quad_class,
            "goldstein": goldstein,
            "plover_type": None,
            **place,
            "is_root_event": is_root,
            "num_mentions": counts[0],
            "num_sources": counts[1],
            "num_articles": counts[2],
            "avg_tone": tone,
            "first_doc_id": first_doc_id,
            "source_url": source_url,
            "date_added": added,
        }
    )
    return row


MARCH_1, MARCH_2 = date(2024, 3, 1), date(2024, 3, 2)

EVENTS = [
    _event("ev1", 101, MARCH_1, "day", _TUR, _USA, ("042", "042", "04"), 1, 1.9, _ANKARA,
           is_root=True, counts=(3, 3, 2), tone=-1.75, first_doc_id="doc_a",
           source_url="https://example.org/a", added=_at(1, 10)),
    _event("ev2", 102, MARCH_1, "day", _TUR, _USA_BARE, ("1312", "131", "13"), 3, -5.8, _TURKEY,
           is_root=False, counts=(1, 1, 1), tone=-2.5, first_doc_id="doc_a",
           source_url="/in/a.txt", added=_at(1, 10)),
    _event("ev3", 103, MARCH_2, "day", _USA, _TUR, ("163", "163", "16"), 4, -8.0, _NOWHERE,
           is_root=True, counts=(2, 2, 2), tone=-1.0, first_doc_id="doc_b",
           source_url="https://example.org/b", added=_at(1, 10, 5)),
    _event("ev4", 104, MARCH_2, "day", _NATO, _TUR, ("0251", "025", "02"), 1, 3.0, _NOWHERE,
           is_root=True, counts=(1, 1, 1), tone=1.5, first_doc_id="doc_c",
           source_url="/in/c.txt", added=_at(1, 10, 5)),
    _event("ev5", 105, None, "unknown", _RUS, _TUR_BARE, ("190", "190", "19"), 4, -10.0,
           _NOWHERE, is_root=False, counts=(1, 1, 1), tone=0.0, first_doc_id="doc_d",
           source_url="/in/d.txt", added=_at(1, 10, 6)),
    _event("ev6", 106, MARCH_1, "month", _TUR_OPP, _NO_ACTOR, ("141", "141", "14"), 4, -6.5,
           _NOWHERE, is_root=False, counts=(1, 1, 1), tone=0.0, first_doc_id="doc_d",
           source_url="/in/d.txt", added=_at(1, 10, 6)),
    _event("ev7", 107, MARCH_2, "day", _USA, _TUR_BARE, ("161", "161", "16"), 4, -4.0,
           _WASHINGTON, is_root=False, counts=(1, 1, 1), tone=-2.0, first_doc_id="doc_b",
           source_url="https://example.org/b", added=_at(1, 10, 5)),
    # The older coder's events: never counted.
    _event("ev1", 101, MARCH_1, "day", _TUR, _USA, ("042", "042", "04"), 1, 1.9, _ANKARA,
           is_root=True, counts=(1, 1, 1), tone=-9.0, first_doc_id="doc_a",
           source_url="https://example.org/a", added=_at(1, 10, month=1), coder_version=OLD_CODER),
    _event("ev_old", 99, MARCH_1, "day", _TUR, _RUS, ("190", "190", "19"), 4, -10.0, _NOWHERE,
           is_root=True, counts=(5, 5, 5), tone=-9.0, first_doc_id="doc_a",
           source_url="https://example.org/a", added=_at(1, 10, month=1), coder_version=OLD_CODER),
]


def _mention(
    event: dict[str, Any],
    doc_id: str,
    sentence_index: int,
    offsets: tuple[int | None, int | None, int],
    *,
    confidence: float,
    in_raw_text: bool,
    coded_at: datetime,
) -> dict[str, Any]:
    sentence_start = sentence_index * 100
    actor1_start, actor2_start, action_start = offsets
    row = {
        key: value
        for key, value in event.items()
        if key.startswith(("actor1_", "actor2_", "event_", "location_"))
        or key in {"coder_version", "quad_class", "goldstein", "plover_type"}
    }
    row.update(
        {
            "doc_id": doc_id,
            "sentence_index": sentence_index,
            "sentence_start": sentence_start,
            "sentence_end": sentence_start + 90,
            "evidence_start": sentence_start,
            "evidence_end": sentence_start + 60,
            "actor1_start": actor1_start,
            "actor1_end": None if actor1_start is None else actor1_start + 5,
            "actor2_start": actor2_start,
            "actor2_end": None if actor2_start is None else actor2_start + 5,
            "action_start": action_start,
            "action_end": action_start + 8,
            "location_source": "sentence",
            "sentence_tone": 0.0,
            "confidence": confidence,
            "in_raw_text": in_raw_text,
            "is_lead": sentence_index == 0,
            "coded_at": coded_at,
            "run_id": "r1",
        }
    )
    return row


_BY_ID = {(e["coder_version"], e["event_id"]): e for e in EVENTS}


def _current(event_id: str) -> dict[str, Any]:
    return _BY_ID[CURRENT_CODER, event_id]


MENTIONS = [
    _mention(_current("ev1"), "doc_a", 0, (0, 20, 7), confidence=0.9, in_raw_text=True,
             coded_at=_at(1, 10)),
    _mention(_current("ev1"), "doc_b", 2, (245, 260, 250), confidence=0.75, in_raw_text=False,
             coded_at=_at(1, 10, 5)),
    _mention(_current("ev2"), "doc_a", 1, (100, 130, 110), confidence=0.8, in_raw_text=True,
             coded_at=_at(1, 10)),
    _mention(_current("ev3"), "doc_b", 0, (0, 30, 10), confidence=0.95, in_raw_text=True,
             coded_at=_at(1, 10, 5)),
    _mention(_current("ev4"), "doc_c", 0, (0, 25, 6), confidence=0.85, in_raw_text=True,
             coded_at=_at(1, 10, 5)),
    _mention(_current("ev5"), "doc_d", 0, (0, 20, 8), confidence=0.6, in_raw_text=True,
             coded_at=_at(1, 10, 6)),
    _mention(_current("ev6"), "doc_d", 1, (100, None, 115), confidence=0.7, in_raw_text=True,
             coded_at=_at(1, 10, 6)),
    _mention(_current("ev7"), "doc_b", 3, (300, 320, 308), confidence=0.9, in_raw_text=True,
             coded_at=_at(1, 10, 5)),
    # The older coder's mention: never counted.
    _mention(_BY_ID[OLD_CODER, "ev1"], "doc_a", 0, (0, 20, 7), confidence=0.5,
             in_raw_text=True, coded_at=_at(1, 10, month=1)),
]

RUNS = [
    {
        "run_id": "r1", "flow_name": "ingest-folder", "root": "/in", "status": "completed",
        "started_at": _at(1, 9), "ended_at": datetime(2026, 2, 1, 9, 0, 10, tzinfo=UTC),
        "n_files_matched": 12, "n_documents_new": 8, "n_documents_duplicate": 2,
        "n_quarantined": 2, "n_batches": 1, "bytes_read": 2_000_000, "seconds_scan": 0.5,
        "seconds_read": 1.0, "seconds_normalise": 3.0, "seconds_lang": 2.0, "seconds_store": 0.5,
        "n_reprints": 1, "seconds_dedup": 0.7, "n_documents_coded": 4, "n_event_mentions": 8,
        "seconds_coding": 2.0,
    },
    {
        "run_id": "r2", "flow_name": "ingest-folder", "root": "/in", "status": "running",
        "started_at": _at(2, 9), "ended_at": None,
    },
]

QUARANTINE = [  # path, reason, run_id
    ("/in/x.pdf", "binary", "r1"),
    ("/in/empty.txt", "empty_file", "r1"),
    ("/in/empty2.txt", "empty_file", "r2"),
]


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    con.register("given_rows", pa.Table.from_pylist(rows))
    try:
        con.execute(f"insert into {table} by name select * from given_rows")
    finally:
        con.unregister("given_rows")


def build_analytics_db(db: Path) -> Path:
    """Create `db` with Store.open (migrations and views), then insert the rows above."""
    Store.open(db).close()
    with duckdb.connect(str(db)) as con:
        _insert(con, "documents", DOCUMENTS)
        _insert(con, "document_sources", [
            {"doc_id": d, "source": s, "outlet": o, "seen_at": _at(1, 9), "run_id": "r1"}
            for d, s, o in SOURCES
        ])
        _insert(con, "document_clusters", [
            dict(zip(["doc_id", "doc_seq", "cluster_id", "similarity", "method", "is_canonical"],
                     row, strict=True))
            for row in CLUSTER_MEMBERS
        ])
        _insert(con, "story_clusters", [
            dict(zip(["cluster_id", "canonical_doc_id", "first_seen_at", "last_seen_at",
                      "n_docs", "n_sources"], row, strict=True))
            for row in STORY_CLUSTERS
        ])
        _insert(con, "coded_documents", [
            {"coder_version": v, "doc_id": d, "n_sentences": 5, "n_mentions": 2, "doc_tone": t,
             "coded_at": at, "run_id": "r1"}
            for v, d, t, at in CODED_DOCUMENTS
        ])
        _insert(con, "events", EVENTS)
        _insert(con, "event_mentions", MENTIONS)
        for run in RUNS:  # one insert each: the runs set different columns
            _insert(con, "runs", [run])
        _insert(con, "quarantine", [
            {"path": p, "reason": r, "detail": r, "first_seen_at": _at(1, 9), "run_id": run}
            for p, r, run in QUARANTINE
        ])
    return db
