"""What a run over a folder produced, as canonical JSON lines that compare across code layouts.

Run ids, timestamps, absolute paths, ingest-order keys (doc_seq, added by migration 013) and the
coder version (whose digest covers the coding modules' source, so it changes with any move) are
left out; everything an analyst reads is kept: documents, sightings, story clusters, coded
mentions and events.

Usage: python tests/behaviour_dump.py DB [ROOT]  (ROOT: the ingested folder, stripped from paths)
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

import duckdb

# One query per table: stable columns only, in a total order.
_QUERIES = {
    "documents": """
        select doc_id, source_path, title, byline, outlet, url, published_date, dateline_place,
               dateline_month, dateline_day, dateline_agency, lang, round(lang_prob, 4), n_chars
        from documents order by doc_id""",
    "document_sources": "select doc_id, source, outlet from document_sources order by all",
    "document_clusters": """
        select d.doc_id, c.canonical_doc_id, d.method, d.is_canonical, round(d.similarity, 4)
        from document_clusters d join story_clusters c using (cluster_id) order by all""",
    "event_mentions": """
        select * exclude (coder_version, event_id, coded_at, run_id, doc_seq)
        from event_mentions order by all""",
    "events": """
        select * exclude (coder_version, event_id, global_event_id, date_added)
        from events order by all""",
}


def dump_lines(db: str, root: str = "") -> Iterator[str]:
    con = duckdb.connect(db, read_only=True)
    try:
        for table, query in _QUERIES.items():
            cursor = con.execute(query)
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                record: dict[str, Any] = {"table": table, **dict(zip(columns, row, strict=True))}
                text = json.dumps(record, sort_keys=True, default=str)
                yield text.replace(root, "<root>") if root else text
    finally:
        con.close()


if __name__ == "__main__":
    for line in dump_lines(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""):
        print(line)
