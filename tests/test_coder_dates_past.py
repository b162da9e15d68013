"""An act the sentence places before the article's time gets that date, or `unknown`, never the
publication date (issue 16, item 5): each past form against a fixed anchor, without one, at the
edge of the calendar, and through the coding stage's rows."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pyarrow as pa
import pytest

from wirewatch.coding.dates import resolve_event_date
from wirewatch.coding.events import EventCoder
from wirewatch.coding.mentions import code_documents
from wirewatch.coding.places import Gazetteer
from wirewatch.coding.tone import ToneScorer
from wirewatch.schemas import CODING_DOCUMENTS

# Friday 12 July 2019.
PUBLISHED = date(2019, 7, 12)


def _resolve(text: str, published: date | None = PUBLISHED, verb: str | None = None):
    if verb is None:
        return resolve_event_date(text, published=published)
    return resolve_event_date(text, published=published, action_start=text.index(verb))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenyan troops entered the town two years ago.", (date(2017, 1, 1), "year")),
        ("Kenyan troops entered the town 3 years ago.", (date(2016, 1, 1), "year")),
        ("Kenyan troops entered the town a year ago.", (date(2018, 1, 1), "year")),
        ("The envoys met eighteen months ago.", (date(2018, 1, 1), "month")),
        ("The envoys met 18 months ago.", (date(2018, 1, 1), "month")),
        ("The envoys met six months ago.", (date(2019, 1, 1), "month")),
        ("The envoys met three weeks ago.", (date(2019, 6, 1), "month")),
        ("The envoys met five days ago.", (date(2019, 7, 7), "day")),
        ("The envoys met in March.", (date(2019, 3, 1), "month")),
        ("The envoys met during the war in 1991.", (date(1991, 1, 1), "year")),
        ("The envoys met in 2016.", (date(2016, 1, 1), "year")),
        ("The envoys met last year.", (date(2018, 1, 1), "year")),
    ],
)
def test_a_past_expression_dates_the_act_with_its_precision(text, expected):
    assert _resolve(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan troops entered the town years ago.",
        "Kenyan troops entered the town decades ago.",
        "Kenyan troops entered the town a decade ago.",
        "Kenyan troops entered the town several years ago.",
        "Kenyan troops entered the town in the 1980s.",
        "Kenyan troops entered the town in the late 1990s.",
        "Kenyan troops entered the town in the mid-1970s.",
        "In the past, Kenyan troops entered the town.",
        "Kenyan troops had entered the town years earlier.",
    ],
)
def test_an_earlier_act_with_no_usable_date_is_unknown_not_the_publication_date(text):
    assert _resolve(text) == (None, "unknown")


def test_in_the_past_few_days_is_recent_not_unknown():
    assert _resolve("In the past few days troops entered the town.") == (PUBLISHED, "day")


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan troops entered the town two years ago.",
        "The envoys met three weeks ago.",
        "The envoys met five days ago.",
    ],
)
def test_relative_past_without_publication_date_is_unknown(text):
    assert _resolve(text, published=None) == (None, "unknown")


@pytest.mark.parametrize(
    "text",
    [
        "The envoys met five years ago.",
        "The envoys met 40 months ago.",
        "The envoys met 900 weeks ago.",
        "The envoys met 999 days ago.",
    ],
)
def test_counting_back_past_the_first_year_is_unknown_not_an_error(text):
    assert _resolve(text, published=date(2, 3, 1)) == (None, "unknown")


def test_the_expression_nearest_the_event_verb_dates_it():
    text = "On Friday the ministry said soldiers had fired on the crowd in March."
    assert _resolve(text) == (PUBLISHED, "day")  # no verb given: the first expression
    assert _resolve(text, verb="fired") == (date(2019, 3, 1), "month")
    assert _resolve(text, verb="said") == (PUBLISHED, "day")


def test_a_since_expression_dates_an_act_only_when_nothing_else_does():
    text = "Since 2015 the ministry has said little, but on Tuesday soldiers fired on the crowd."
    assert _resolve(text, verb="fired") == (date(2019, 7, 9), "day")
    assert _resolve("Since 2015 soldiers fired on the crowd.", verb="fired") == (
        date(2015, 1, 1),
        "year",
    )


def test_a_date_in_a_relative_clause_after_the_verb_does_not_date_the_act():
    text = "Ghana bought the radar from Spain, which had built it in 2016."
    assert _resolve(text) == (date(2016, 1, 1), "year")  # no verb given: the first expression
    assert _resolve(text, verb="bought") == (PUBLISHED, "day")
    assert _resolve("Ghana bought the radar last month from Spain, which had built it in 2016.",
                    verb="bought") == (date(2019, 6, 1), "month")


def test_a_later_date_near_the_verb_is_a_plan_and_an_earlier_one_dates_the_act():
    text = "Last week Ghana said its envoy would visit Togo next month."
    assert _resolve(text, verb="visit") == (date(2019, 7, 1), "month")


@pytest.fixture(scope="module")
def tools() -> dict:
    return {"coder": EventCoder.load(), "gazetteer": Gazetteer.load(), "tone": ToneScorer()}


def _rows(tools: dict, body: str, published: date | None = PUBLISHED) -> list[dict]:
    docs = pa.Table.from_pylist(
        [{"doc_id": "d0", "body": body, "published_date": published, "dateline_month": None,
          "dateline_day": None, "dateline_place": None}],
        schema=CODING_DOCUMENTS,
    )
    coded_at = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    result = code_documents(docs, run_id="r1", coded_at=coded_at, **tools)
    return result.mentions.to_pylist()


def test_a_row_for_an_act_two_years_back_carries_that_year(tools):
    rows = _rows(tools, "Turkish troops entered the Syrian town of Afrin two years ago.")
    assert [(r["event_root_code"], r["event_date"], r["event_date_precision"]) for r in rows] == [
        ("19", date(2017, 1, 1), "year")]


def test_a_row_for_an_act_in_the_1980s_is_unknown(tools):
    rows = _rows(tools, "Turkish troops entered the Syrian town of Afrin in the 1980s.")
    assert rows
    assert {(r["event_date"], r["event_date_precision"]) for r in rows} == {(None, "unknown")}


def test_a_row_is_dated_by_the_expression_next_to_its_verb(tools):
    rows = _rows(tools, "On Friday the Turkish ministry said Turkish troops had entered the "
                        "Syrian town of Afrin in March.")
    assert [(r["event_root_code"], r["event_date"], r["event_date_precision"]) for r in rows] == [
        ("19", date(2019, 3, 1), "month")]
