"""Coding stage with the real event coder, gazetteer and lexicon: rows in the layout of
event_mentions, dates and places per event, stable event ids."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pyarrow as pa
import pytest

from wirewatch.coding.events import EventCoder
from wirewatch.coding.mentions import code_documents, event_id, global_event_id
from wirewatch.coding.places import Gazetteer
from wirewatch.coding.tone import ToneScorer
from wirewatch.schemas import CODED_DOCUMENTS, CODING_DOCUMENTS, EVENT_MENTIONS

CODED_AT = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)
VISIT = "Turkish President Tayyip Erdogan visited Moscow on Friday."
CONDEMN = "Turkey condemned Israel in a statement."
NOTHING = "The weather in the region was mild for the season."


@pytest.fixture(scope="module")
def tools() -> dict:
    return {"coder": EventCoder.load(), "gazetteer": Gazetteer.load(), "tone": ToneScorer()}


def _docs(*docs: dict) -> pa.Table:
    rows = []
    for number, doc in enumerate(docs):
        row = {"doc_id": f"d{number}", "dateline_month": None, "dateline_day": None}
        row |= {"dateline_place": None, "published_date": date(2019, 7, 12)} | doc
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=CODING_DOCUMENTS)


def _code(tools: dict, docs: pa.Table):
    return code_documents(docs, run_id="r1", coded_at=CODED_AT, **tools)


def test_mentions_have_the_event_mentions_layout_and_every_doc_is_recorded(tools):
    result = _code(tools, _docs({"body": VISIT}, {"body": NOTHING}))
    assert result.mentions.schema == EVENT_MENTIONS
    assert result.coded_documents.schema == CODED_DOCUMENTS
    assert result.coded_documents.column("doc_id").to_pylist() == ["d0", "d1"]
    assert result.coded_documents.column("n_mentions").to_pylist() == [
        result.mentions.num_rows,
        0,
    ]
    assert result.mentions.num_rows >= 1
    assert result.counts["n_documents"] == 2


def test_event_gets_the_sentences_date_place_and_tone(tools):
    mention = _code(tools, _docs({"body": VISIT})).mentions.to_pylist()[0]
    assert (mention["actor1_country"], mention["event_root_code"]) == ("TUR", "04")
    # Friday 12 July 2019 is the publication day itself.
    assert (mention["event_date"], mention["event_date_precision"]) == (date(2019, 7, 12), "day")
    assert (mention["location_name"], mention["location_country"]) == ("Moscow", "RUS")
    assert (mention["location_source"], mention["location_type"]) == ("sentence", 4)
    assert mention["sentence_tone"] is not None
    assert mention["event_id"] == event_id(
        mention["coder_version"],
        date(2019, 7, 12),
        "day",
        mention["actor1_code"],
        mention["actor2_code"],
        mention["event_code"],
        mention["location_feature_id"],
    )


def test_sentence_without_place_falls_back_to_the_dateline(tools):
    docs = _docs({"body": CONDEMN, "dateline_place": "ANKARA", "dateline_month": 7})
    mention = _code(tools, docs).mentions.to_pylist()[0]
    assert (mention["location_name"], mention["location_source"]) == ("Ankara", "dateline")


def test_unknown_publication_date_leaves_relative_dates_unknown(tools):
    docs = _docs({"body": VISIT, "published_date": None, "dateline_month": 7, "dateline_day": 12})
    mentions = _code(tools, docs).mentions.to_pylist()
    assert mentions
    assert {(m["event_date"], m["event_date_precision"]) for m in mentions} == {(None, "unknown")}


def test_same_event_in_two_documents_shares_one_event_id(tools):
    result = _code(tools, _docs({"body": VISIT}, {"body": "Officials said. " + VISIT}))
    by_doc = {m["doc_id"]: m["event_id"] for m in result.mentions.to_pylist()}
    assert by_doc["d0"] == by_doc["d1"]


def test_global_event_id_is_a_stable_positive_63_bit_integer():
    value = global_event_id("0123456789abcdef0123456789abcdef")
    assert value == global_event_id("0123456789abcdef0123456789abcdef")
    assert 0 <= value < 2**63
    assert value != global_event_id("0123456789abcdef0123456789abcdee")
