"""Event dates: every rule of wirewatch/coding/dates.py against a fixed anchor, and no anchor at
all."""

from __future__ import annotations

from datetime import date

import pytest

from wirewatch.coding.dates import anchor_date, resolve_event_date

# Friday 12 July 2019.
PUBLISHED = date(2019, 7, 12)


def _resolve(text: str, published: date | None = PUBLISHED, month=None, day=None):
    return resolve_event_date(text, published=published, dateline_month=month, dateline_day=day)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks were held on 2019-03-22 in Ankara.", (date(2019, 3, 22), "day")),
        ("Turkey signed the deal on March 22, 2019.", (date(2019, 3, 22), "day")),
        ("Turkey signed the deal on 22 March 2019.", (date(2019, 3, 22), "day")),
        ("Turkey signed the deal on Sept. 3 2018.", (date(2018, 9, 3), "day")),
        ("On Friday, March 22, 2019, Turkey signed.", (date(2019, 3, 22), "day")),
        ("The ministers met on July 3.", (date(2019, 7, 3), "day")),
        ("The ministers met on 3rd July.", (date(2019, 7, 3), "day")),
        ("Ankara agreed the purchase in April 2018.", (date(2018, 4, 1), "month")),
        ("Ankara agreed the purchase in 2017.", (date(2017, 1, 1), "year")),
        ("Ankara agreed the purchase last month.", (date(2019, 6, 1), "month")),
        ("Ankara agreed the purchase last year.", (date(2018, 1, 1), "year")),
        ("Officials met last week.", (date(2019, 7, 1), "month")),
        ("Protesters gathered yesterday.", (date(2019, 7, 11), "day")),
        ("Protesters gathered today.", (date(2019, 7, 12), "day")),
        ("Protesters gathered on Tuesday.", (date(2019, 7, 9), "day")),
        ("Protesters gathered on Friday.", (date(2019, 7, 12), "day")),
        ("Protesters gathered last Friday.", (date(2019, 7, 5), "day")),
        ("The ministers met in December.", (date(2018, 12, 1), "month")),
        ("The ministers met in July.", (date(2019, 7, 1), "month")),
        ("The ministers met last December.", (date(2018, 12, 1), "month")),
        ("Turkey said it would buy the system.", (date(2019, 7, 12), "day")),
    ],
)
def test_expression_against_published_date_resolves_by_rule(text, expected):
    assert _resolve(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Deliveries start next month.",
        "Deliveries start next year.",
        "Protesters will gather tomorrow.",
        "Talks resume next Tuesday.",
        "The minister will visit Moscow on Tuesday.",
        "The ministers will meet in December.",
        "Leaders plan a summit in 2030.",
        "Russia will deliver the second batch on March 3, 2020.",
    ],
)
def test_date_after_the_article_is_a_plan_and_does_not_date_the_event(text):
    assert _resolve(text) == (PUBLISHED, "day")


def test_planned_date_is_skipped_for_an_earlier_expression_after_it():
    text = "Talks set for next month were agreed on Tuesday, officials said."
    assert _resolve(text) == (date(2019, 7, 9), "day")


def test_future_year_without_publication_date_cannot_be_told_from_the_past():
    # No anchor: an explicit year is all there is, so it stands.
    assert _resolve("Leaders plan a summit in 2030.", published=None) == (
        date(2030, 1, 1),
        "year",
    )


def test_lowercase_month_words_are_verbs_not_dates():
    assert _resolve("Thousands may march in protest.") == (PUBLISHED, "day")


def test_impossible_explicit_date_is_skipped_for_the_next_expression():
    assert _resolve("A deal dated February 30, 2019 was signed yesterday.") == (
        date(2019, 7, 11),
        "day",
    )


def test_first_expression_in_the_sentence_wins():
    assert _resolve("On Tuesday Turkey said the deal of 2017 stands.") == (date(2019, 7, 9), "day")


@pytest.mark.parametrize(
    "text",
    [
        "Protesters gathered on Friday.",
        "Ankara agreed the purchase last month.",
        "The ministers met in December.",
        "Protesters gathered yesterday.",
        "The ministers met on July 3.",
        "Turkey said it would buy the system.",
    ],
)
def test_unknown_published_date_leaves_relative_dates_unknown(text):
    assert _resolve(text, published=None) == (None, "unknown")
    # A dateline's month and day carry no year: still not an anchor.
    assert _resolve(text, published=None, month=7, day=12) == (None, "unknown")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkey signed the deal on March 22, 2019.", (date(2019, 3, 22), "day")),
        ("Ankara agreed the purchase in April 2018.", (date(2018, 4, 1), "month")),
        ("Ankara agreed the purchase in 2017.", (date(2017, 1, 1), "year")),
    ],
)
def test_unknown_published_date_still_resolves_dates_that_carry_a_year(text, expected):
    assert _resolve(text, published=None) == expected


def test_dateline_day_moves_the_anchor_back_from_publication():
    # Filed Wednesday 10 July, published Friday 12 July: "yesterday" is 9 July.
    assert _resolve("Protesters gathered yesterday.", month=7, day=10) == (date(2019, 7, 9), "day")
    assert _resolve("Turkey said it would buy the system.", month=7, day=10) == (
        date(2019, 7, 10),
        "day",
    )


def test_dateline_late_december_published_in_january_is_the_year_before():
    assert anchor_date(date(2020, 1, 2), 12, 31) == date(2019, 12, 31)
    text = "Talks were held last month."
    resolved = _resolve(text, published=date(2020, 1, 2), month=12, day=31)
    assert resolved == (date(2019, 11, 1), "month")


def test_day_without_year_takes_the_nearest_year_to_the_anchor():
    assert _resolve("Talks were held on Dec. 30.", published=date(2020, 1, 3)) == (
        date(2019, 12, 30),
        "day",
    )


@pytest.mark.parametrize(
    "text",
    [
        "The two governments agreed to finish the railway by 2030.",
        "The ceasefire will hold until March 2020.",
        "Troops must withdraw before Friday.",
        "The sanctions stay in force through December.",
    ],
)
def test_deadline_expressions_do_not_date_the_event(text):
    assert resolve_event_date(text, published=PUBLISHED) == (PUBLISHED, "day")
    assert resolve_event_date(text, published=None) == (None, "unknown")


def test_event_date_after_a_deadline_expression_still_counts():
    text = "By Sunday the talks had collapsed, officials said on Friday."
    assert resolve_event_date(text, published=PUBLISHED) == (date(2019, 7, 12), "day")
    text = "Ankara agreed on July 9 to deliver the parts by 2021."
    assert resolve_event_date(text, published=PUBLISHED) == (date(2019, 7, 9), "day")
