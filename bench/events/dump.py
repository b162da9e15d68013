"""Dump every coded event of a fixed text set, so a speed change can be checked for identity.

Usage:
    python bench/events/dump.py OUT [--docs 600]

Codes, with the packaged coder, gazetteer and VADER lexicon:
- the texts of ``bench/events/dev.jsonl``, ``dev2.jsonl`` and ``gold.jsonl`` (texts only, with
  each item's published date; the annotations are never read),
- the generated speed corpus of ``bench/events/speed.py`` (seed 7, 3 KB, both densities,
  --docs documents each),
- the article bodies under ``seeds/`` and the shared seed folder, normalised as ingest does.

The shared seed folder is the WIREWATCH_SHARED_SEEDS setting (default ``../shared/seeds``; see
``seed_refs.py``); annotated items taken from it are resolved from it. Without the folder, its
articles and those items are left out, with a printed note: compare dumps made alike.

Every document goes through ``EventCoder.code_text`` (each ``CodedEvent`` with both actor
mentions written in full) and through the coding stage ``code_documents`` (every
``event_mentions`` column: dates, places, sentence tone, event id; and the ``coded_documents``
row: sentence count and document tone). The coder version, which carries a digest of the
coding modules' source, is replaced by a fixed string so that event ids compare across builds.
Two builds code identically when their dumps are byte-identical (``cmp``).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pyarrow as pa  # noqa: E402

from wirewatch.coding.events import EventCoder  # noqa: E402
from wirewatch.coding.mentions import code_documents  # noqa: E402
from wirewatch.coding.places import Gazetteer  # noqa: E402
from wirewatch.coding.tone import ToneScorer  # noqa: E402
from wirewatch.ingest.decoding import decode_bytes  # noqa: E402
from wirewatch.ingest.normalise import normalise_text  # noqa: E402
from wirewatch.schemas import CODING_DOCUMENTS  # noqa: E402

sys.path.insert(0, str(ROOT / "bench" / "events"))
from seed_refs import load_items, missing_seeds_note, shared_seeds_dir  # noqa: E402
from speed import SEED_LIKE_DENSITY, make_document  # noqa: E402

_FIXED_VERSION = "dump"
_CODED_AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _jsonl_documents(name: str) -> list[dict[str, Any]]:
    """Texts and published dates of one annotated set (never its events)."""
    documents = []
    loaded = load_items(ROOT / "bench" / "events" / name)
    if loaded.note():
        print(f"{name}: {loaded.note()}")
    for item in loaded.items:
        published = (item.get("context") or {}).get("published")
        documents.append(_document(f"{name}:{item['id']}", item["text"],
                                   dt.date.fromisoformat(published) if published else None))
    return documents


def _speed_documents(n_docs: int) -> list[dict[str, Any]]:
    documents = []
    for density in (0.8, SEED_LIKE_DENSITY):
        rng = random.Random(7)
        for i in range(n_docs):
            documents.append(_document(f"speed:{density}:{i}", make_document(rng, 3000, density)))
    return documents


def _seed_documents() -> list[dict[str, Any]]:
    documents = []
    shared = shared_seeds_dir()
    if not shared.is_dir():
        print(f"note: {missing_seeds_note(shared)}; left out of the dump")
    for folder in (ROOT / "seeds", shared):
        for path in sorted(folder.rglob("*.txt")):
            data = path.read_bytes()
            if not data:
                continue
            doc = normalise_text(decode_bytes(data)[0])
            dateline = doc.dateline
            documents.append(_document(
                f"seeds:{path.relative_to(folder.parent)}", doc.body, doc.published_date,
                dateline.month if dateline else None, dateline.day if dateline else None,
                dateline.place if dateline else None,
            ))
    return documents


def _document(doc_id: str, body: str, published: dt.date | None = None,
              month: int | None = None, day: int | None = None,
              place: str | None = None) -> dict[str, Any]:
    return {"doc_id": doc_id, "body": body, "published_date": published,
            "dateline_month": month, "dateline_day": day, "dateline_place": place}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=600,
                        help="generated speed documents per density")
    args = parser.parse_args()
    started = time.perf_counter()
    coder = EventCoder.load()
    coder.version = _FIXED_VERSION
    gazetteer, tone = Gazetteer.load(), ToneScorer()
    documents = [
        *_jsonl_documents("dev.jsonl"), *_jsonl_documents("dev2.jsonl"),
        *_jsonl_documents("gold.jsonl"), *_speed_documents(args.docs), *_seed_documents(),
    ]
    n_events = 0
    with args.out.open("w", encoding="utf-8") as out:
        for doc in documents:
            for event in coder.code_text(doc["body"], doc["published_date"]):
                out.write(json.dumps({"doc_id": doc["doc_id"], **dataclasses.asdict(event)},
                                     sort_keys=True) + "\n")
                n_events += 1
        result = code_documents(
            pa.Table.from_pylist(documents, schema=CODING_DOCUMENTS), coder=coder,
            gazetteer=gazetteer, tone=tone, run_id="dump", coded_at=_CODED_AT,
        )
        for table in (result.mentions, result.coded_documents):
            for row in table.to_pylist():
                out.write(json.dumps({k: _plain(v) for k, v in row.items()}, sort_keys=True)
                          + "\n")
    print(f"{len(documents)} documents, {n_events} coded events, "
          f"{result.mentions.num_rows} mention rows -> {args.out} "
          f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
