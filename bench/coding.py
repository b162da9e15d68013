"""Cost of the parts the coding stage adds to each event: document tone, sentence tone, place
lookup and date resolution, per document and per sentence, on real article bodies.

    .venv/bin/python bench/coding.py [FOLDER ...] [--repeat 20] [--coder]

Bodies come from the given folders (default: seeds/ and ../shared/seeds/), normalised as the
pipeline does; bodies of 200+ characters containing " the " (English) are used. Every part is
timed over every sentence, as if each sentence carried an event (an upper bound: only coded
sentences pay for tone, place and date). With --coder, the whole stage (`code_documents` with
the real EventCoder) is timed too.
Prints one line per part: ms per document, ms per 3 KB of body, µs per sentence.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyarrow as pa  # noqa: E402

from wirewatch.coding.dates import resolve_event_date  # noqa: E402
from wirewatch.coding.mentions import code_documents  # noqa: E402
from wirewatch.coding.places import Gazetteer  # noqa: E402
from wirewatch.coding.tone import ToneScorer  # noqa: E402
from wirewatch.ingest.decoding import decode_bytes  # noqa: E402
from wirewatch.ingest.normalise import normalise_text  # noqa: E402
from wirewatch.schemas import CODING_DOCUMENTS  # noqa: E402

# Good enough to cut bodies into sentence-sized pieces for timing.
_SENTENCE_END = re.compile(r'(?<=[.!?])["”]?\s+(?=[A-Z"“])')


def load_documents(folders: list[Path]) -> list:
    documents = []
    for folder in folders:
        for path in sorted(folder.rglob("*.txt")):
            data = path.read_bytes()
            if not data:
                continue
            doc = normalise_text(decode_bytes(data)[0])
            if len(doc.body) > 200 and " the " in doc.body:
                documents.append(doc)
    return documents


def timed(
    label: str, n_docs: int, n_chars: int, n_sentences: int, run: Callable[[], object], repeat: int
) -> None:
    started = time.perf_counter()
    for _ in range(repeat):
        run()
    seconds = (time.perf_counter() - started) / repeat
    print(
        f"{label:<32} {1000 * seconds / n_docs:8.3f} ms/doc {1000 * seconds * 3000 / n_chars:8.3f}"
        f" ms/3KB {1e6 * seconds / n_sentences:9.1f} µs/sentence"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--coder", action="store_true", help="also time the whole stage")
    args = parser.parse_args()
    folders = args.folders or [ROOT / "seeds", ROOT.parent / "shared" / "seeds"]
    documents = load_documents(folders)
    bodies = [doc.body for doc in documents]
    sentences = [s for body in bodies for s in _SENTENCE_END.split(body)]
    n_chars = sum(len(b) for b in bodies)
    print(
        f"{len(bodies)} English bodies, {n_chars / len(bodies):.0f} chars each on average, "
        f"{len(sentences)} sentences; mean of {args.repeat} repeats"
    )

    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    print(f"{'load gazetteer (once per run)':<32} {1000 * (time.perf_counter() - started):8.1f} ms")
    started = time.perf_counter()
    tone = ToneScorer()
    print(f"{'load VADER (once per run)':<32} {1000 * (time.perf_counter() - started):8.1f} ms")

    n = (len(bodies), n_chars, len(sentences))
    timed("document tone", *n, lambda: [tone.document_tone(b) for b in bodies], args.repeat)
    timed(
        "sentence tone (every sentence)",
        *n,
        lambda: [tone.sentence_tone(s) for s in sentences],
        args.repeat,
    )
    timed(
        "place (every sentence)",
        *n,
        lambda: [gazetteer.locate(s, {"USA"}) for s in sentences],
        args.repeat,
    )
    timed(
        "date (every sentence)",
        *n,
        lambda: [
            resolve_event_date(s, published=date(2019, 7, 12), dateline_month=7, dateline_day=11)
            for s in sentences
        ],
        args.repeat,
    )
    if args.coder:
        from wirewatch.coding.events import EventCoder

        coder = EventCoder.load()
        docs = pa.Table.from_pylist(
            [
                {
                    "doc_id": str(i),
                    "body": doc.body,
                    "published_date": doc.published_date,
                    "dateline_month": doc.dateline.month if doc.dateline else None,
                    "dateline_day": doc.dateline.day if doc.dateline else None,
                    "dateline_place": doc.dateline.place if doc.dateline else None,
                }
                for i, doc in enumerate(documents)
            ],
            schema=CODING_DOCUMENTS,
        )
        result = code_documents(
            docs,
            coder=coder,
            gazetteer=gazetteer,
            tone=tone,
            run_id="bench",
            coded_at=datetime.now(UTC),
        )
        print(f"coder {coder.version}: {result.mentions.num_rows} mentions")
        for part in ("code", "tone", "places", "dates"):
            seconds = result.counts[f"seconds_{part}"]
            print(f"  stage part {part:<22} {1000 * seconds / len(documents):8.3f} ms/doc")
        timed(
            "whole stage (code_documents)",
            *n,
            lambda: code_documents(
                docs,
                coder=coder,
                gazetteer=gazetteer,
                tone=tone,
                run_id="bench",
                coded_at=datetime.now(UTC),
            ),
            max(1, args.repeat // 4),
        )


if __name__ == "__main__":
    main()
