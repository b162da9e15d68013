"""Roles of party politicians, groups and judges (issue 16, item 3: "no or wrong country/role"),
with sentences written for these tests: a party or its politician with no date is the party
(PTY), never the bare state; a former minister out of office takes the side his party had at
the date; a campaign group and its spokesman speak as the group; a judge styled "Lord Justice" is
the judiciary, not the Lords."""

from __future__ import annotations

import datetime as dt

import pytest

from wirewatch.coding.actors import ActorMatcher, CorefState, document_period, tokenize
from wirewatch.coding.events import EventCoder


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load()


def _codes(matcher: ActorMatcher, text: str, day: str | None) -> list[tuple[str, str]]:
    """(code, name) of every actor mention in the text, on that date (None: undated)."""
    on = dt.date.fromisoformat(day) if day else None
    state = CorefState()
    found = []
    for start, end in [(0, len(text))]:
        for actor in matcher.find(tokenize(text, start, end), state, on):
            found.append((actor.mention.code, actor.mention.name))
    return found


def test_party_with_unknown_date_is_the_party_not_the_bare_state(coder: EventCoder) -> None:
    events = coder.code_text("The Liberal Democrats condemned the new tax on fuel.")
    assert [e.actor1.code for e in events if e.actor1 is not None] == ["GBRPTY"]


def test_party_at_a_known_date_takes_its_side_then(coder: EventCoder) -> None:
    found = _codes(coder.matcher, "The Conservatives attacked the plan.", "2004-03-01")
    assert ("GBROPP", "Conservative Party") in found


def test_unlisted_politician_named_with_party_and_no_date_is_pty(coder: EventCoder) -> None:
    found = _codes(coder.matcher, "Labour MP Jane Roe criticised the council.", None)
    assert found[0] == ("GBRPTY", "Jane Roe")


def test_former_minister_out_of_office_takes_his_party_side(coder: EventCoder) -> None:
    # Hague left the Foreign Office in 2014; in 2004 he was a Conservative back-bencher, his
    # party in opposition: GBROPP, not the bare state and not GBRGOV.
    found = _codes(coder.matcher, "Mr Hague said the scheme would fail.", "2004-06-01")
    assert found[0] == ("GBROPP", "William Hague")


def test_shadow_minister_of_the_day_is_opposition(coder: EventCoder) -> None:
    found = _codes(coder.matcher, "Oliver Letwin said the budget was a fraud.", "2004-03-17")
    assert found[0] == ("GBROPP", "Oliver Letwin")


def test_campaign_group_spokesman_speaks_for_the_group(coder: EventCoder) -> None:
    found = _codes(
        coder.matcher, "A Countryside Alliance spokesman said the ban was unfair.", "2005-02-01"
    )
    assert found[0][0] == "GBRNGO"


def test_national_ngo_coded_with_its_role(coder: EventCoder) -> None:
    events = coder.code_text("Migration Watch criticised the Home Office.")
    assert events and events[0].actor1 is not None and events[0].actor1.code == "GBRNGO"


def test_lord_justice_is_a_judge_not_a_legislator(coder: EventCoder) -> None:
    found = _codes(
        coder.matcher, "Lord Justice Pemberton ruled that the order was unlawful.", "2005-02-01"
    )
    assert found and found[0][0].endswith("JUD")


def test_trade_union_federation_is_labour(coder: EventCoder) -> None:
    found = _codes(coder.matcher, "The TUC warned ministers about pension cuts.", "2005-02-01")
    assert ("GBRLAB", "Trades Union Congress") in found


def test_shadow_post_is_opposition_not_the_office(coder: EventCoder) -> None:
    found = _codes(
        coder.matcher, "Shadow attorney general Ruth Ames attacked the bill.", "2005-02-01"
    )
    # The matcher gives the role; the document's state (GBR) is added after the pass.
    assert found[0] == ("OPP", "Ruth Ames")


def test_party_spokesman_with_portfolio_speaks_for_the_party(coder: EventCoder) -> None:
    found = _codes(
        coder.matcher, "Lib Dem home affairs spokesman Tom Vale said the plan was wrong.", None
    )
    assert found[0] == ("GBRPTY", "Tom Vale")


def test_target_year_is_not_the_period_of_an_undated_story() -> None:
    text = "Ministers promised to halve the backlog by 2010. The plan was first drawn up in 2003."
    assert document_period(text) == dt.date(2003, 7, 1)


def test_opposition_title_beats_the_dictionary_office_of_another_year(coder: EventCoder) -> None:
    # Undated, Grieve's latest row is Attorney General (GOV); the text calls him the shadow one.
    found = _codes(coder.matcher, "Shadow attorney general Dominic Grieve attacked the bill.", None)
    assert found[0] == ("GBROPP", "Dominic Grieve")


def test_surname_after_an_opposition_title_keeps_the_opposition_role(coder: EventCoder) -> None:
    text = "Shadow attorney general Dominic Grieve attacked the bill. Mr Grieve said it was rushed."
    assert _codes(coder.matcher, text, None)[-1] == ("GBROPP", "Dominic Grieve")
