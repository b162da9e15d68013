"""Statements made in quotes and after "said" by political speakers (issue 16, round-two audit:
most events a reader finds in British politics stories are such statements): who speaks
(a quote before or after its frame, "he added", a paragraph that only goes on quoting, a
speaker known by role only), what the content makes of it (criticism, praise, accusation,
demand, appeal, denial), whom it is about (never the outlet it was told to), and no event for
a speaker who is no political actor or a statement not asserted. Every sentence here was
written for these tests."""

import datetime as dt

import pytest

from wirewatch.coding.actors import ActorMention
from wirewatch.coding.events import EventCoder

REF = dt.date(2005, 3, 1)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load()


def _who(mention: ActorMention | None) -> str | None:
    """A party by its group code, anyone else by actor code: "GLAB", "GBRGOV"."""
    if mention is None:
        return None
    return mention.known_group or mention.code


def coded(coder: EventCoder, text: str) -> set[tuple[str | None, str | None, str]]:
    """(source, target, code) of every event in text."""
    return {(_who(e.actor1), _who(e.actor2), e.event_code) for e in coder.code_text(text, REF)}


def test_quote_before_the_frame_is_what_is_said(coder: EventCoder) -> None:
    text = '"The Conservative plans for hospitals are a shambles," said Mr Blair.'
    assert coded(coder, text) == {("GBRGOV", "GCON", "111")}


def test_quote_after_the_frame_is_what_is_said(coder: EventCoder) -> None:
    text = 'The Conservative leader said: "Labour has been reckless with public money."'
    assert coded(coder, text) == {("GCON", "GLAB", "111")}


def test_he_added_is_the_person_named_before(coder: EventCoder) -> None:
    text = (
        "Tony Blair spoke to party members in Leeds on Friday. "
        '"The Conservatives must abandon their tax scheme," he added.'
    )
    assert ("GBRGOV", "GCON", "100") in coded(coder, text)


def test_a_paragraph_that_only_quotes_goes_on_with_the_speaker(coder: EventCoder) -> None:
    text = (
        'The Liberal Democrat leader said: "We have argued this case for a long time."\n\n'
        '"It is time for the Conservatives to explain their sums to voters."'
    )
    assert ("LDEM", "GCON", "020") in coded(coder, text)
    # The same quotation with no speaker before it gives no event.
    assert coded(coder, '"It is time for the Conservatives to explain their sums."') == set()


def test_speaker_known_by_role_only(coder: EventCoder) -> None:
    text = "A Downing Street spokesman said the Conservative claims were complete nonsense."
    assert coded(coder, text) == {("GBRGOV", "GCON", "111")}


def test_a_named_minister_of_no_known_country_still_speaks(coder: EventCoder) -> None:
    text = "Transport Minister Jane Roe said the new timetable was essential."
    assert {(source, code) for source, _, code in coded(coder, text)} == {("GOV", "010")}


def test_outlet_told_is_neither_source_nor_target(coder: EventCoder) -> None:
    text = "Tony Blair told the BBC the Conservatives were wrong about taxes."
    assert coded(coder, text) == {("GBRGOV", "GCON", "111")}
    text = "The chancellor told reporters in London that the economy was strong."
    assert all(target is None for _, target, _ in coded(coder, text))


@pytest.mark.parametrize(
    "text, expected",
    [
        # criticism, praise, accusation, demand, appeal and denial, each in a quote
        ('The Conservative leader said: "Labour\'s record on crime is a disgrace."', "111"),
        ('The Conservative leader said: "The Liberal Democrats ran an admirable campaign."', "051"),
        ('The Conservative leader said: "Labour is guilty of misleading pensioners."', "112"),
        ('The Conservative leader said: "The government must publish the advice in full."', "100"),
        (
            'The Conservative leader said: "The government should publish the advice in full."',
            "020",
        ),
        ('"There is no truth in the report at all," said the Conservative leader.', "016"),
    ],
)
def test_content_of_a_quote_decides_the_code(coder: EventCoder, text: str, expected: str) -> None:
    assert {code for *_, code in coded(coder, text)} == {expected}


def test_two_parties_of_one_state_are_two_sides(coder: EventCoder) -> None:
    text = "The Conservative leader said Labour's spending plans had been a failure."
    assert coded(coder, text) == {("GCON", "GLAB", "111")}


@pytest.mark.parametrize(
    "text",
    [
        '"Prices in this market are a disgrace," said one shopper, Jane Roe.',
        '"Our sales this winter were excellent," said the chief executive of the retailer.',
        'One fan said: "The club must sack the manager now."',
    ],
)
def test_a_speaker_who_is_no_political_actor_gives_nothing(coder: EventCoder, text: str) -> None:
    assert coded(coder, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "The Conservative leader did not say that Labour's record was a disgrace.",
        "The Conservative leader would say that Labour's record was a disgrace.",
    ],
)
def test_a_statement_not_asserted_gives_nothing(coder: EventCoder, text: str) -> None:
    assert coded(coder, text) == set()


def test_a_party_spokesman_known_by_role_speaks_for_the_party(coder: EventCoder) -> None:
    text = "Lib Dem health spokesman Jane Roe said the government's hospital plans were a farce."
    assert coded(coder, text) == {("LDEM", "GOV", "111")}  # no country named for the government


def test_the_speakers_own_party_is_no_target(coder: EventCoder) -> None:
    text = "A Labour spokesman said the party would publish its manifesto in April."
    assert {(source, target) for source, target, _ in coded(coder, text)} <= {("GLAB", None)}


def test_saying_after_a_non_event_reports_the_statement(coder: EventCoder) -> None:
    text = (
        "The Conservative leader campaigned in Leeds on Monday, "
        "saying Labour's tax plans were a shambles."
    )
    assert coded(coder, text) == {("GCON", "GLAB", "111")}
