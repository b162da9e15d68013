"""Statements that praise or criticise another actor (051 / 111, not 010) and verbal senses of
force verbs (issue 16, BBC audit round 2). Each sentence that used to be miscoded is paired
with one that must keep its code: a plain statement stays 010, a negated criticism is no
criticism, an armed attack or clash stays force. Every sentence here was written for these
tests."""

import datetime as dt

import pytest

from wirewatch.coding.actors import primary_code
from wirewatch.coding.events import EventCoder

REF = dt.date(2005, 3, 1)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load()


def _primary(mention) -> str | None:
    if mention is None or (mention.country is None and mention.known_group is None):
        return None
    return primary_code(mention)


def coded(coder: EventCoder, text: str) -> set[tuple[str | None, str | None, str]]:
    """(source, target, full code) of every event in text."""
    return {(_primary(e.actor1), _primary(e.actor2), e.event_code)
            for e in coder.code_text(text, REF)}


def codes(coder: EventCoder, text: str) -> set[str]:
    return {e.event_code for e in coder.code_text(text, REF)}


# An evaluative word in what the speaker says about a named actor makes the statement praise
# or criticism; the paired plain statement stays 010.
TONE = [
    ("The French foreign minister said Germany had shown great courage in the talks.",
     {("FRA", "DEU", "051")}),
    ("Labour said the Conservatives had done a superb job on the bill.",
     {("GBR", "GBR", "051")}),
    ("The French foreign minister said Germany's stance was deeply irresponsible.",
     {("FRA", "DEU", "111")}),
    ("The Conservative leader said the Labour government's plan was a disgrace.",
     {("GBR", "GBR", "111")}),
    ("The French foreign minister said Germany's approach was an absurd farce.",
     {("FRA", "DEU", "111")}),
    # Criticism of an act the content reports: no longer dropped as a mere report of acts.
    ("The French foreign minister said Germany had failed its allies.",
     {("FRA", "DEU", "111")}),
    ("The Liberal Democrats called the Labour government's decision shameful.",
     {("GBR", "GBR", "111")}),
    # Plain statements about the same actors.
    ("The Conservative leader said Labour's plans were not a disaster.",
     {("GBR", "GBR", "010")}),
    ("The French foreign minister said Germany's stance was clear.",
     {("FRA", "DEU", "010")}),
    ("The Conservative leader said the Labour government would publish the bill next week.",
     {("GBR", "GBR", "010")}),
]


@pytest.mark.parametrize(("text", "expected"), TONE)
def test_evaluative_statements(coder: EventCoder, text: str,
                               expected: set[tuple[str | None, str | None, str]]) -> None:
    assert coded(coder, text) == expected


def test_report_of_acts_stays_no_statement(coder: EventCoder) -> None:
    assert coded(coder, "The French foreign minister said Germany had moved its troops to "
                        "the border.") == set()


# A negated evaluative word is no criticism: never 111.
@pytest.mark.parametrize("text", [
    "The French foreign minister said Germany's stance was not irresponsible.",
    "The French foreign minister said Germany's plan had never been a disgrace.",
])
def test_negated_criticism_is_no_criticism(coder: EventCoder, text: str) -> None:
    assert "111" not in codes(coder, text)


def test_paying_tribute_is_praise(coder: EventCoder) -> None:
    assert coded(coder, "The French president paid tribute to Germany.") == {
        ("FRA", "DEU", "051")}


# Force verbs said of words, policies or debates are verbal (11x / 12x); the armed senses stay.
SENSES = [
    ('"I will attack him politically," the Conservative leader said.', "111"),
    ("Russian forces attacked Ukrainian positions near the city.", "190"),
    ("The Conservative leader clashed with the Labour chancellor in the debate on pensions.",
     "111"),
    ("The Conservative leader clashed with the Labour chancellor over spending plans.", "111"),
    ("The two leaders clashed verbally over Iraq.", "111"),
    ("Protesters clashed with police over the new tax.", "145"),
    ("Armenian and Azerbaijani forces clashed near the border.", "190"),
    ("The Labour government shunned calls for a public inquiry from the Conservatives.", "120"),
    ("The Conservatives called for a public inquiry.", "020"),
]


@pytest.mark.parametrize(("text", "code"), SENSES)
def test_verbal_and_armed_senses(coder: EventCoder, text: str, code: str) -> None:
    assert code in codes(coder, text)
    # the other sense is never coded alongside
    other_roots = {"19", "17"} if code[:2] in ("11", "12") else {"11"}
    assert not {c[:2] for c in codes(coder, text)} & other_roots


# Rejecting tax cuts is a rejection (12x), never force (19x).
@pytest.mark.parametrize("text", [
    "Gordon Brown rejected tax cuts.",
    "The Conservatives rejected the Labour tax cuts.",
    "The Labour chancellor's budget rejected tax cuts in favour of higher spending.",
])
def test_rejected_tax_cuts(coder: EventCoder, text: str) -> None:
    found = {c[:2] for c in codes(coder, text)}
    assert "12" in found and "19" not in found
