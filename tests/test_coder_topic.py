"""Document subject and political actors (wirewatch/coding/topic.py): a business, sports,
culture or technology story codes only events between two political actors, and a firm takes
part only in political acts. Each test puts the non-event next to a political twin that is
still coded, so a rule that drops everything fails as surely as one that drops nothing. All
texts are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from wirewatch.coding.actors import ActorMention, primary_code, tokenize
from wirewatch.coding.events import EventCoder
from wirewatch.coding.topic import (
    document_subject,
    is_political_business_event,
    keeps_event,
    state_owned,
    subject_evidence,
)

REF = dt.date(2021, 6, 15)

SPORT = (
    "The coach praised his players after the match. Ireland's captain scored two goals and "
    "the fans cheered the team. The victory puts Ireland top of the league table before the "
    "cup final. Ireland urged Australia to reconsider its decision. Australia flew to Dublin "
    "on Tuesday. The players thanked the supporters at the stadium after the championship "
    "match.")
# The same two sentences with actors in a political story.
SPORT_TWIN = (
    "The foreign minister praised his diplomats after the summit. Ireland urged Australia to "
    "reconsider its decision. Australia flew to Dublin on Tuesday for talks with the "
    "government.")
MARKETS = (
    "The bank's shares rose 5% as investors welcomed the bid. Analysts said profits at the "
    "firm would rise this quarter, and the market expects a takeover. The chief executive said "
    "the merger would bring higher revenue and sales. Deutsche Boerse held talks with the "
    "London Stock Exchange last week over a possible offer. China bought more American "
    "soybeans.")
CULTURE = (
    "The film won three awards at the festival on Sunday. The academy praised the actor for "
    "his role in the movie, and the director thanked the audience. The actress, who stars in a "
    "new comedy series, said the album of songs from the film would top the charts. Box office "
    "sales broke records, the studio said. India honoured the actor.")
TECHNOLOGY = (
    "The new phone lets users download software and browse the web over broadband. The "
    "gadget's chip makes the device faster than rival handsets, and online gamers can play "
    "games on its screen. Mobile internet users bought a million devices, and Japan sold more "
    "consoles. Digital cameras and computers are next.")
POLITICS_WITH_MARKETS = (
    "The prime minister told parliament the government would cut taxes before the election. "
    "Shares rose and investors welcomed the budget, analysts said. The opposition leader "
    "criticised the chancellor, and Labour MPs accused the Conservatives of misleading voters. "
    "Germany criticised Britain over the budget.")


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load()


def coded(coder: EventCoder, text: str) -> set[tuple[str | None, str | None, str]]:
    return {
        (primary_code(e.actor1) if e.actor1 else None,
         primary_code(e.actor2) if e.actor2 else None, e.event_code)
        for e in coder.code_text(text, REF)
    }


def subject_of(text: str) -> str | None:
    return document_subject([tokenize(text).keys])


@pytest.mark.parametrize(("text", "subject"), [
    (SPORT, "sport"), (MARKETS, "markets"), (CULTURE, "culture"), (TECHNOLOGY, "technology"),
    (POLITICS_WITH_MARKETS, None), (SPORT_TWIN, None)])
def test_document_subject(text: str, subject: str | None) -> None:
    assert subject_of(text) == subject


def test_subject_evidence_names_the_words() -> None:
    evidence = subject_evidence(tokenize(SPORT).keys, "sport")
    assert evidence[0] == "match" and {"players", "coach", "cup"} <= set(evidence)


def test_sport_story_states_are_teams(coder: EventCoder) -> None:
    assert coded(coder, SPORT) == set()
    assert ("IRL", "AUS", "020") in coded(coder, SPORT_TWIN)


def test_markets_story_talks_and_trade_are_no_events(coder: EventCoder) -> None:
    assert coded(coder, MARKETS) == set()
    # The same trade sentence in a political story stays an act between two states.
    assert ("CHN", "USA", "061") in coded(coder, POLITICS_WITH_MARKETS.replace(
        "Germany criticised Britain over the budget.", "China bought more American soybeans."))


def test_culture_and_technology_stories_code_no_praise_or_sales(coder: EventCoder) -> None:
    assert coded(coder, CULTURE) == set()
    assert coded(coder, TECHNOLOGY) == set()
    assert ("IND", "FRA", "051") in coded(coder, "India praised France for its role in the talks.")


def test_technology_story_keeps_states_acting_on_each_other(coder: EventCoder) -> None:
    text = TECHNOLOGY + " Russia accused Ukraine of blocking the websites."
    assert subject_of(text) == "technology"
    assert ("RUS", "UKR", "112") in coded(coder, text)


def test_politics_story_about_the_economy_keeps_its_events(coder: EventCoder) -> None:
    events = coded(coder, POLITICS_WITH_MARKETS)
    assert ("DEU", "GBR", "111") in events
    assert any(code[:3] == "112" for _, _, code in events)


def test_political_pair_in_a_business_story_is_kept(coder: EventCoder) -> None:
    text = MARKETS.replace("China bought more American soybeans.",
                           "The Chinese government imposed sanctions on Taiwan.")
    assert subject_of(text) == "markets"
    assert {code[:2] for s, t, code in coded(coder, text) if (s, t) == ("CHN", "TWN")} == \
        {"16"}


def _mention(code: str, role: str | None, country: str | None = None,
             group: str | None = None) -> ActorMention:
    return ActorMention(code, code, country, group, role, 0, 1, True)


FIRM = _mention("FRABUS", "BUS", "FRA")
OTHER_FIRM = _mention("USABUS", "BUS", "USA")
GOVERNMENT = _mention("KENGOV", "GOV", "KEN")
STATE = _mention("KEN", None, "KEN")
EU = _mention("EEC", None, None, "EEC")


@pytest.mark.parametrize(("source", "target", "code", "kept"), [
    (GOVERNMENT, FIRM, "172", True),    # a government fines or bans a firm
    (EU, FIRM, "163", True),            # sanctions on a firm
    (GOVERNMENT, FIRM, "1711", True),   # nationalises (seizes) its assets
    (FIRM, GOVERNMENT, "020", True),    # a firm lobbies a government
    (FIRM, GOVERNMENT, "115", True),    # a firm sues a government
    (FIRM, OTHER_FIRM, "061", False),   # a deal between firms
    (FIRM, OTHER_FIRM, "046", False),   # merger talks
    (GOVERNMENT, FIRM, "061", True),    # a state's deal with a firm (ANNOTATION.md)
    (FIRM, STATE, "087", False),        # a firm pulls out of a contract in a country
    (FIRM, None, "0831", False),        # a firm's own business
])
def test_business_end_only_in_political_acts(source: ActorMention, target: ActorMention | None,
                                             code: str, kept: bool) -> None:
    assert is_political_business_event(source, target, code) is kept
    assert keeps_event(source, target, code, None) is kept


def test_state_deal_with_a_firm_is_commerce_in_a_business_story() -> None:
    assert keeps_event(GOVERNMENT, FIRM, "061", None)
    assert not keeps_event(GOVERNMENT, FIRM, "061", "markets")
    assert keeps_event(GOVERNMENT, FIRM, "172", "markets")


def test_state_owned_firm_acts_for_its_state() -> None:
    text = "Kenya's state-owned oil company KenOil signed a deal with a French firm."
    start = text.index("KenOil")
    firm = ActorMention("KENBUS", "KenOil", "KEN", None, "BUS", start, start + 6, True)
    assert not keeps_event(firm, FIRM, "061", None)
    owned = state_owned(firm, text)
    assert owned is not None and owned.role is None and owned.code == "KENBUS"
    assert keeps_event(owned, FIRM, "061", None)
    private = "Kenya's biggest oil company KenOil signed a deal with a French firm."
    assert state_owned(firm, private) is firm


def test_trade_needs_both_ends(coder: EventCoder) -> None:
    assert ("GBR", "CHN", "061") in coded(coder, "Britain exported more cars to China.")
    assert coded(coder, "Britain exported more cars.") == set()
    assert not keeps_event(STATE, None, "061", None)


def test_team_subjects_need_roles_not_bare_states() -> None:
    france = _mention("FRA", None, "FRA")
    assert keeps_event(STATE, france, "020", None)
    assert keeps_event(STATE, france, "020", "markets")
    assert not keeps_event(STATE, france, "020", "sport")
    assert not keeps_event(STATE, france, "020", "culture")
    assert keeps_event(STATE, france, "020", "technology")
    assert keeps_event(GOVERNMENT, _mention("FRAGOV", "GOV", "FRA"), "020", "sport")
    assert not keeps_event(STATE, None, "020", "markets")  # one end is not a dyad there
    assert not keeps_event(STATE, france, "061", "markets")  # trade figures
    assert keeps_event(GOVERNMENT, france, "061", "markets")


def test_firm_coded_end_to_end(coder: EventCoder) -> None:
    assert ("BUS", "KEN", "020") in coded(
        coder, "Energy companies urged the Kenyan government to cut fuel taxes.")
    assert ("FRA", "FRA", "172") in coded(
        coder, "French authorities fined the company 40 million euros for breaking the rules.")
    assert coded(coder, "A Kenyan firm signed a contract with a Chinese firm to build a "
                        "railway.") == set()
