"""Non-assertions of real news (issue 16, item 2): analysts' views, a book's account, a
statistic, a background relative clause dated in the past, a scheduled inquiry, a meeting
plan with no counterpart, and a conditional rejection (a threat). Each non-event stands next
to its asserted twin, which must still be coded. All sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from wirewatch.coding.actors import primary_code
from wirewatch.coding.events import EventCoder

REF = dt.date(2021, 6, 15)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load()


def coded(coder: EventCoder, text: str, ref: dt.date | None = REF
          ) -> set[tuple[str | None, str | None, str]]:
    return {
        (primary_code(e.actor1) if e.actor1 else None,
         primary_code(e.actor2) if e.actor2 else None, e.event_code)
        for e in coder.code_text(text, ref)
    }


def roots(coder: EventCoder, text: str, ref: dt.date | None = REF) -> set[str]:
    return {code[:2] for _, _, code in coded(coder, text, ref)}


# kind: (asserted twin, its root, the non-assertion)
UNASSERTED = {
    "analysts' view": (
        "Russian officials said Russia had imposed sanctions on Ukraine.", "16",
        "Analysts said Russia had imposed sanctions on Ukraine."),
    "analysts' view after the act": (
        "Russia imposed sanctions on Ukraine, Russian officials said.", "16",
        "Russia imposed sanctions on Ukraine, analysts said."),
    "according to economists": (
        "According to the foreign ministry, China imposed new tariffs on Japan.", "16",
        "According to economists, China imposed new tariffs on Japan."),
    "critics' generalisation": (
        "Opposition leaders say the government has arrested journalists.", "17",
        "Critics say the government has arrested journalists."),
    "claim in a memoir": (
        "The Syrian army shelled Lebanese villages, the former minister said.", "19",
        "In his memoir, the former minister claims the Syrian army shelled Lebanese villages."),
    "claim in a book": (
        "The former minister says Britain secretly sold weapons to Iraq.", "06",
        "The former minister's book says Britain secretly sold weapons to Iraq."),
    "statistic (per cent)": (
        "Labour members criticised Tony Blair.", "11",
        "About 45% of Labour members criticised Tony Blair."),
    "statistic (one in ten)": (
        "Labour members backed the Conservative plan.", "05",
        "One in ten Labour members backed the Conservative plan."),
    "in the past": (
        "In the past few days the Liberal Democrats called for a rise in income tax.", "02",
        "The Liberal Democrats called for a rise in income tax in the past."),
    "scheduled inquiry": (
        "A committee of MPs examined the government's plans.", "09",
        "A committee of MPs is to examine the government's plans next week."),
}


@pytest.mark.parametrize("kind", sorted(UNASSERTED))
def test_non_assertion_is_no_event_but_its_twin_is(coder: EventCoder, kind: str) -> None:
    asserted, root, unasserted = UNASSERTED[kind]
    assert root in roots(coder, asserted)
    assert roots(coder, unasserted) == set()


def test_organisations_experts_report_for_it(coder: EventCoder) -> None:
    # Not a commentator: the U.N. panel's report asserts the act (bench/events/ANNOTATION.md).
    assert "19" in roots(coder, "U.N. experts said Rwandan troops were fighting alongside M23 "
                                "rebels in eastern Congo.")


@pytest.mark.parametrize("ref", [REF, None])
def test_relative_clause_dated_in_the_past_is_background(coder: EventCoder,
                                                         ref: dt.date | None) -> None:
    recent = ("The Irish Republican Army, which bombed pubs in Birmingham last week, "
              "condemned the British government.")
    old = recent.replace("last week", "in the 1970s")
    assert {"19", "11"} <= roots(coder, recent, ref)
    assert roots(coder, old, ref) == {"11"}  # the news (the condemnation) stays
    year = "Mr Hague, who resigned after the 2001 election defeat, criticised Tony Blair."
    assert roots(coder, year, ref) == {"11"}
    assert "08" in roots(coder, "Mr Hague resigned after the election defeat.", ref)


def test_conditional_rejection_is_a_threat(coder: EventCoder) -> None:
    assert roots(coder, "The Liberal Democrats voted against the Labour bill.") == {"12"}
    assert roots(coder, "The Liberal Democrats will vote against the bill unless the "
                        "government drops the plan.") == {"13"}
    assert roots(coder, "The Liberal Democrats will reject the Labour bill unless ministers "
                        "change it.") == {"13"}


def test_meeting_plan_needs_a_counterpart(coder: EventCoder) -> None:
    assert coded(coder, "The party plans to meet voters across the country.") == set()
    assert ("GBR", "THA", "036") in coded(
        coder, "Jack Straw is to meet the Thai foreign minister.")


def test_announced_inquiry_is_still_coded(coder: EventCoder) -> None:
    # "would investigate" in reported speech is an announced decision, not a timetable.
    assert "09" in roots(coder, "The IAEA said its inspectors would investigate uranium "
                                "particles found at Iran's Fordow site.")
