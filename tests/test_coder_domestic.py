"""Actors of domestic political news (issue 16, item 3), with sentences written for these tests:
role nouns and institutions that take the country the document is about, parties on the
government or opposition side at the story's date, people a document introduces with a title,
found again by surname, pronouns only with one antecedent, and pressure groups."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from pathlib import Path

import pytest

from wirewatch.coding.actors import (
    ActorMatcher,
    CorefState,
    document_period,
    packaged_actor_dir,
    tokenize,
)
from wirewatch.coding.events import CodedEvent, EventCoder


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load()


def _events(coder: EventCoder, text: str, day: str | None) -> list[CodedEvent]:
    return coder.code_text(text, dt.date.fromisoformat(day) if day else None)


def _dyads(coder: EventCoder, text: str, day: str | None) -> list[tuple[str, str, str]]:
    """(root, source code, target code) of every event coded in the text."""
    return [(e.event_root_code, e.actor1.code if e.actor1 else "",
             e.actor2.code if e.actor2 else "") for e in _events(coder, text, day)]


def _codes(coder: EventCoder, text: str, day: str | None) -> list[tuple[str, str]]:
    """(code, name) of every actor mention the matcher finds, sentence by sentence."""
    state = CorefState(period=document_period(text) if day is None else None)
    found = []
    for start, end in coder.split_sentences(text):
        for actor in coder.matcher.find(tokenize(text, start, end), state,
                                        dt.date.fromisoformat(day) if day else None):
            found.append((actor.mention.code, actor.mention.name))
    return found


# -- role nouns and institutions take the document's country --------------------------------

def test_bare_role_takes_the_country_the_story_is_about(coder: EventCoder) -> None:
    text = ("The Danish government announced new rules for asylum on Monday. Danish ministers "
            "said the plan would start in spring. The mayor of Aarhus criticised the "
            "police.")
    assert ("11", "DNKGOV", "DNKCOP") in _dyads(coder, text, "2016-02-01")


def test_bare_role_stays_unknown_in_a_story_about_two_states(coder: EventCoder) -> None:
    text = ("Peru and Chile held talks on their border. Peruvian and Chilean diplomats met in "
            "Lima. The mayor criticised the police.")
    assert ("11", "GOV", "COP") in _dyads(coder, text, "2016-02-01")


def test_generic_role_without_any_country_is_not_given_one(coder: EventCoder) -> None:
    text = "The council criticised the plan for a new road."
    for _, source, _ in _dyads(coder, text, "2016-02-01"):
        assert len(source) <= 3


def test_british_institutions_are_british_state_bodies(coder: EventCoder) -> None:
    codes = dict((name, code) for code, name in _codes(
        coder, "The Home Office welcomed the report. The House of Lords rejected the bill.",
        "2005-03-01"))
    assert codes.get("United Kingdom") in ("GBRGOV", "GBRLEG")
    found = {code for code, _ in _codes(
        coder, "The Home Office welcomed the report. The House of Lords rejected the bill.",
        "2005-03-01")}
    assert found == {"GBRGOV", "GBRLEG"}


def test_domestic_offices_are_roles(coder: EventCoder) -> None:
    text = ("Britain's electoral commission criticised the council. "
            "The UK home secretary met police chiefs.")
    found = [code for code, _ in _codes(coder, text, "2005-03-01")]
    assert found == ["GBRGOV", "GOV", "GBRGOV", "COP"]
    # In the whole document the council and the police chiefs are British.
    assert ("11", "GBRGOV", "GBRGOV") not in _dyads(coder, text, "2005-03-01")
    assert ("04", "GBRGOV", "GBRCOP") in {(r[:2], s, t) for r, s, t in
                                           _dyads(coder, text, "2005-03-01")}


# -- parties take the government or opposition side at the date ------------------------------

@pytest.mark.parametrize(("day", "labour", "tories"), [
    ("2005-04-10", "GBRGOV", "GBROPP"),
    ("2012-04-10", "GBROPP", "GBRGOV"),
    ("1990-04-10", "GBROPP", "GBRGOV"),
])
def test_british_parties_by_period(coder: EventCoder, day: str, labour: str,
                                   tories: str) -> None:
    text = "Labour criticised the Tories over taxes."
    assert ("11", labour, tories) in _dyads(coder, text, day)


def test_party_leader_of_the_opposition_is_opp(coder: EventCoder) -> None:
    text = "Tory leader Jane Roe accused the government of lying about crime."
    dyads = _dyads(coder, text, "2005-02-01")
    assert dyads and dyads[0][:2] == ("11", "GBROPP")


def test_undated_text_takes_the_period_of_the_years_it_names(coder: EventCoder) -> None:
    text = ("Conservative co-chairman Jane Roe criticised Labour ahead of the 2005 election. "
            "The 2005 campaign starts next month.")
    codes = _codes(coder, text, None)
    assert ("GBROPP", "Jane Roe") in codes
    assert ("GBRGOV", "Labour Party") in codes


def test_parties_of_other_democracies_by_period(coder: EventCoder) -> None:
    assert _codes(coder, "The SPD criticised the CDU.", "2000-05-01") == [
        ("DEUGOV", "Social Democratic Party of Germany"), ("DEUOPP", "Christian Democratic Union")]
    assert _codes(coder, "The Republicans criticised the Democrats.", "2010-05-01") == [
        ("USAOPP", "Republican Party"), ("USAGOV", "Democratic Party")]
    assert [c for c, _ in _codes(coder, "PSOE officials met the Partido Popular.",
                                 "2008-05-01")] == ["ESPGOV", "ESPOPP"]


def test_party_status_file_names_known_parties_without_overlaps() -> None:
    path = packaged_actor_dir() / "party_status.csv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    organisations = Path(packaged_actor_dir() / "organisations.csv").read_text(encoding="utf-8")
    parties = {line.split(",")[0] for line in organisations.splitlines()
               if not line.startswith("#") and line.split(",")[4:5] == ["PTY"]}
    by_party: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        assert row["party"] in parties, row
        assert row["status"] in ("GOV", "OPP"), row
        by_party.setdefault(row["party"], []).append((row["start"], row["end"]))
    for party, periods in by_party.items():
        periods.sort()
        for (_, end), (start, _) in itertools.pairwise(periods):
            assert end and end <= start, f"{party}: periods overlap or stay open"
    # The G20's and main European democracies' leading parties are covered.
    for code in ("GLAB", "GCON", "DEM", "GOP", "CDU", "SPD", "PSOE", "EPP", "LDP", "BJP", "INC",
                 "AKP", "ALP", "CLIB", "MPRI", "MPAN", "BPT", "ANC", "UMP", "FPS"):
        assert code in by_party, code


def test_party_status_rejects_an_unknown_party(tmp_path: Path) -> None:
    (tmp_path / "party_status.csv").write_text(
        "# test\nparty,status,start,end\nNOSUCH,GOV,2000-01-01,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"party_status\.csv line=\d+ party=NOSUCH"):
        ActorMatcher.load([tmp_path])


# -- people introduced with a title or role ----------------------------------------------------

def test_titled_person_is_found_again_by_title_and_surname(coder: EventCoder) -> None:
    text = ("Home Secretary Jane Roe met police chiefs in London on Monday. "
            "Mrs Roe criticised the Conservatives over their policy. "
            "Roe also accused the Tories of lying.")
    dyads = _dyads(coder, text, "2005-03-01")
    assert ("11", "GBRGOV", "GBROPP") in dyads
    assert sum(1 for root, source, _ in dyads if root == "11" and source == "GBRGOV") == 2


def test_surname_that_is_a_word_needs_a_title(coder: EventCoder) -> None:
    text = ("Tory co-chairman Adam Fox criticised Labour. "
            "Fox hunting was discussed by the Labour Party. Mr Fox accused the government of "
            "lying.")
    codes = _codes(coder, text, "2005-03-01")
    assert codes.count(("GBROPP", "Adam Fox")) == 2  # the first mention and "Mr Fox" only


def test_surname_inside_a_longer_name_is_not_the_person(coder: EventCoder) -> None:
    text = ("Labour MP Tom Kettering criticised the plan. Kettering Town Council met on Monday.")
    names = [name for _, name in _codes(coder, text, "2005-03-01")]
    assert names.count("Tom Kettering") == 1


def test_peer_with_title_is_a_legislator_of_the_document(coder: EventCoder) -> None:
    text = ("The British government defended its plan for the courts. Lord Penwick criticised "
            "the government. Britain's ministers rejected the criticism.")
    assert ("11", "GBRLEG", "GBRGOV") in _dyads(coder, text, "2004-03-01")


# -- pronouns only with one antecedent ---------------------------------------------------------

def test_pronoun_takes_the_one_person_of_the_previous_sentence(coder: EventCoder) -> None:
    text = ("Labour MP Ruth Ames spoke in London on Tuesday. "
            "She criticised the Conservatives over the cuts.")
    assert ("11", "GBRGOV", "GBROPP") in _dyads(coder, text, "2005-03-01")


def test_pronoun_with_two_possible_people_stays_unresolved(coder: EventCoder) -> None:
    text = ("Labour MP Ruth Ames met Tory MP Clare Dunmore in London on Tuesday. "
            "She criticised the government over the cuts.")
    assert not [d for d in _dyads(coder, text, "2005-03-01") if d[0] == "11"]


# -- pressure groups and NGOs ------------------------------------------------------------------

def test_pressure_groups_are_known(coder: EventCoder) -> None:
    text = ("The Refugee Council criticised the British government. Oxfam and Save the "
            "Children welcomed the plan. Migration Watch accused ministers of weakness.")
    codes = [code for code, _ in _codes(coder, text, "2005-03-01")]
    assert codes[:1] == ["GBRNGO"] and "OXF" in codes and "STC" in codes


def test_unnamed_pronoun_subject_blocks_the_next_pronoun(coder: EventCoder) -> None:
    text = ("Senator Ann Dole met Governor Bill Ray in Ohio. He flew on to Washington, where he "
            "met Hillary Clinton. He criticised the Republicans.")
    sources = [source for root, source, _ in _dyads(coder, text, "2005-03-01") if root == "11"]
    assert "USAGOV" not in sources  # "He" is not Hillary Clinton


# -- owners of role nouns other than the document's state ----------------------------------------

def test_shadow_minister_is_opposition(coder: EventCoder) -> None:
    text = ("The British government published its school plan. The shadow education secretary "
            "criticised the plan. Britain's ministers defended it.")
    assert ("GBROPP", "shadow education secretary") in [
        (e.actor1.code, e.actor1.name) for e in _events(coder, text, "2005-03-01") if e.actor1]


def test_spokesman_of_an_unknown_body_gets_no_home_country(coder: EventCoder) -> None:
    text = ("The British government published its plan. An Acme Trust spokesman criticised "
            "the British government. British ministers rejected the criticism.")
    sources = {source for root, source, _ in _dyads(coder, text, "2005-03-01") if root == "11"}
    assert "GBRGOV" not in sources


def test_national_councils_are_not_local_councils(coder: EventCoder) -> None:
    codes = [c for c, _ in _codes(
        coder, "The Peace and Security Council urged a ceasefire. A transitional council "
               "will be created.", "2020-01-01")]
    assert "GOV" not in codes


def test_role_noun_before_a_known_name_modifies_it(coder: EventCoder) -> None:
    codes = [c for c, _ in _codes(coder, "The official Xinhua agency said so.", "2020-01-01")]
    assert codes == ["CHNMED"]


def test_known_person_named_with_a_party_keeps_the_party_side(coder: EventCoder) -> None:
    text = ("Former Conservative leader William Hague spoke in York. "
            "Mr Hague criticised the Labour government.")
    codes = _codes(coder, text, "2004-06-01")
    assert codes[0] == ("GBROPP", "William Hague")
    assert codes[1] == ("GBROPP", "William Hague")
