"""Verbal events of political news (issue 16, items 2 and 4): criticism said in words, not
force; requests to unnamed countries; debts cancelled; onward travel; overruling; court rulings
against a government; and senses that say the opposite of their verb. Every sentence here was
written for these tests."""

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


def roots(coder: EventCoder, text: str) -> set[str]:
    return {e.event_root_code for e in coder.code_text(text, REF)}


# "attacked" with a verbal object, an insult or a speech around it is criticism (111).
VERBAL_ATTACKS = [
    ("Chile attacked the Peruvian plan as unworkable.", ("CHL", "PER", "111")),
    # Both parties are known actors since the domestic-actors data (party_status.csv).
    ("The Conservative Party attacked the pledges of Labour as vacuous.",
     ("GBR", "GBR", "111")),
    ("Senegal attacked Gambia in a speech to its parliament.", ("SEN", "GMB", "111")),
    ("Chile verbally attacked Peru after the vote.", ("CHL", "PER", "111")),
]


@pytest.mark.parametrize(("text", "expected"), VERBAL_ATTACKS)
def test_attacked_in_words_is_criticism(coder: EventCoder, text: str,
                                        expected: tuple[str | None, str | None, str]) -> None:
    events = coded(coder, text)
    assert expected in events, events
    assert not any(code.startswith("19") for _, _, code in events), events


def test_attacked_with_weapons_stays_force(coder: EventCoder) -> None:
    assert ("ETH", "ERI", "190") in coded(
        coder, "Ethiopia attacked Eritrea near the border town on Monday.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia called the Polish government vindictive.", ("RUS", "POL", "111")),
    ("Venezuela branded the Colombian president a liar.", ("VEN", "COL", "111")),
])
def test_insulting_names_are_criticism(coder: EventCoder, text: str,
                                       expected: tuple[str | None, str | None, str]) -> None:
    assert expected in coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Norway asked other countries to join its debt fund.", ("NOR", None, "020")),
    ("Canada called on rich nations to follow its lead on debt.", ("CAN", None, "020")),
])
def test_requests_to_unnamed_countries(coder: EventCoder, text: str,
                                       expected: tuple[str | None, str | None, str]) -> None:
    assert expected in coded(coder, text)


def test_cancelled_debts_are_aid(coder: EventCoder) -> None:
    assert ("NOR", "MWI", "071") in coded(
        coder, "Norway has cancelled the bilateral debts of Malawi.")


def test_onward_travel_is_a_visit(coder: EventCoder) -> None:
    assert ("PER", "CHL", "042") in coded(coder, "Peru's president travelled on to Chile.")


def test_overruled_is_rejection(coder: EventCoder) -> None:
    assert any(code[:2] == "12" for _, _, code in coded(
        coder, "The Senate of Chile overruled President Gabriel Boric on the pension bill."))


@pytest.mark.parametrize("text", [
    "The High Court of Kenya ruled against the government of Kenya.",
    "The Supreme Court of Kenya ruled that the government had acted unlawfully.",
])
def test_court_ruling_against_government_is_criticism(coder: EventCoder, text: str) -> None:
    assert "11" in roots(coder, text)


def test_days_of_apologising_over_is_no_apology(coder: EventCoder) -> None:
    assert "05" not in roots(
        coder, "The days when Norway apologised for its whaling are over, its minister said.")
    assert ("IRQ", "KWT", "055") in coded(coder, "Iraq apologised to Kuwait.")


# Statements (01x): a political speaker's statement is coded 010 when the sentence gives no other
# event; what it reports, when that is an act, is coded instead.
@pytest.mark.parametrize(("text", "expected"), [
    ("Germany said the talks had been constructive.", ("DEU", None, "010")),
    ("Iran insisted that its nuclear programme was peaceful.", ("IRN", None, "010")),
    ("\"The summit was a success,\" said the foreign ministry of Peru.", ("PER", None, "010")),
    ("Chile's foreign minister, speaking in Lima, said relations with Peru were excellent.",
     ("CHL", "PER", "010")),
    ("NATO leaders said the summit had been a success.", ("NATO", None, "010")),
])
def test_statement_by_political_speaker(coder: EventCoder, text: str,
                                        expected: tuple[str | None, str | None, str]) -> None:
    assert coded(coder, text) == {expected}


@pytest.mark.parametrize(("text", "root"), [
    ("Germany said Russia had attacked the convoy near the border.", "19"),
    ("France said it had signed a trade agreement with Morocco.", "05"),
    ("Peru said it shared the concerns of Chile about the fishing fleet.", "01"),
])
def test_statement_whose_content_is_an_act_codes_the_act(coder: EventCoder, text: str,
                                                         root: str) -> None:
    events = coder.code_text(text, REF)
    assert root in {e.event_root_code for e in events}
    assert not any(e.event_code == "010" for e in events)


@pytest.mark.parametrize("text", [
    "Germany did not say whether the talks would continue.",
    "Germany said prices could rise next year.",  # speculation
    "Germany said two of its citizens died in the crash.",  # a report of what happened
    "Germany said it would not extend the agreement.",  # a decision about an act
    "Germany Says Talks Go On",  # a headline's capitalised verb
    "The cattle that Kenya says were stolen have been found.",  # a parenthetical report
    "Shell said profits rose by a third.",  # a firm is no political speaker
    "Analysts said the talks had been constructive.",
])
def test_no_statement_event(coder: EventCoder, text: str) -> None:
    assert not any(e.event_code == "010" for e in coder.code_text(text, REF))


def test_statement_verbs_do_not_change_other_events(coder: EventCoder) -> None:
    assert coded(coder, "Turkey and Russia signed a gas deal, Turkish officials said.") == {
        ("TUR", "RUS", "057"), ("RUS", "TUR", "057")}


def test_visa_restrictions_are_sanctions(coder: EventCoder) -> None:
    assert ("CHL", "PER", "163") in coded(
        coder, "Chile announced visa restrictions on Peruvian officials.")


def test_wanting_another_party_to_act_is_a_request(coder: EventCoder) -> None:
    assert roots(coder, "The opposition wants the regulator of Chile to investigate.") == {"02"}
    assert "02" not in roots(coder, "Chile wants to investigate the fire.")


def test_place_inside_an_apposition_is_no_speaker(coder: EventCoder) -> None:
    assert not any(e.event_code == "010" for e in coder.code_text(
        "The retail group, which runs shops in Chile, said it planned to grow.", REF))


def test_damning_statement_about_another_actor_is_criticism(coder: EventCoder) -> None:
    assert ("CHL", "PER", "111") in coded(
        coder, "Chile said the Peruvian government's fishing policy was a shambles.")
