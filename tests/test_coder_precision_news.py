"""Non-events and wrong senses found on the BBC development split (issue 16, precision round
four): hearsay, obligation, ease and duty infinitives, statements taken as admissions or
demands, noun and non-military senses, speculative warnings, views voiced by no political
actor, and history dated in an earlier year of a document without a date. Each non-event
stands next to a similar sentence whose act must still be coded. All sentences are written for
these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from wirewatch.coding.actors import primary_code
from wirewatch.coding.events import EventCoder

REF = dt.date(2021, 6, 15)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load()


def coded(
    coder: EventCoder, text: str, ref: dt.date | None = REF
) -> set[tuple[str | None, str | None, str]]:
    return {
        (
            primary_code(e.actor1) if e.actor1 else None,
            primary_code(e.actor2) if e.actor2 else None,
            e.event_code,
        )
        for e in coder.code_text(text, ref)
    }


# kind: (the act, its code with source and target, the non-event: no event of that root;
# a headline run into a sentence, "Anger grows at house arrests The Conservatives ...", keeps
# its real act, the criticism)
NON_EVENTS = {
    "hearsay (is said to)": (
        "France criticised Germany.",
        ("FRA", "DEU", "111"),
        "France is said to have criticised Germany.",
    ),
    "obligation (has to)": (
        "Britain worked with India on the plan.",
        ("GBR", "IND", "060"),
        "The prime minister said Britain has to work with India.",
    ),
    "obligation (needs to)": (
        "Germany imposed sanctions on Russia, the minister said.",
        ("DEU", "RUS", "163"),
        "Germany needs to impose sanctions on Russia, the minister said.",
    ),
    "ease (hard to beat)": (
        "Police beat the protesters.",
        ("COP", "CVL", "182"),
        "Blair's party will be hard to beat.",
    ),
    "electoral sense of beat": (
        "Police beat the protesters.",
        ("COP", "CVL", "182"),
        "The Liberal Democrats hope to beat Labour in the election.",
    ),
    "duty to act": (
        "Police investigated the mayor.",
        ("COP", "GOV", "091"),
        "The minister said police had a duty to investigate the mayor.",
    ),
    "acknowledging a view is no admission": (
        "Russia acknowledged responsibility for the strike on Ukraine.",
        ("RUS", None, "015"),
        "The minister acknowledged that voters had lost faith in the government.",
    ),
    "insisted on a weekday is no demand": (
        "Turkey insisted on the deal with Sweden.",
        ("TUR", "SWE", "100"),
        "The prime minister insisted on Tuesday that he had been involved.",
    ),
    "house arrest as a noun": (
        "The army placed the president under house arrest.",
        ("MIL", None, "173"),
        "Anger grows at house arrests The Conservatives have criticised the plans.",
    ),
    "mobilising opinion": (
        "Armenia mobilised its forces.",
        ("ARM", "MIL", "154"),
        "The campaign will mobilise public opinion against Russia.",
    ),
    "withdrawn from a website": (
        "Israeli troops withdrew from the town.",
        ("ISR", None, "0874"),
        "Labour's posters attacking the Tories, recently withdrawn from the party's website, "
        "were criticised.",
    ),
    "speculative warning": (
        "Iran warned that Israel could face retaliation.",
        ("IRN", "ISR", "130"),
        "The minister warned that the cuts could weaken the British army.",
    ),
    "destroying files": (
        "The militants destroyed the bridge.",
        ("REB", None, "1712"),
        "The ministry destroyed thousands of files on the inquiry.",
    ),
    "protest vote": (
        "Students protested against the government.",
        ("EDU", "GOV", "140"),
        "Gordon Brown told Labour supporters the stakes were too high to stay at home or "
        "protest vote in the election.",
    ),
    "demonstrate a fact": (
        "Thousands demonstrated outside the embassy.",
        (None, "GOV", "141"),
        "The minister said the report would demonstrate the legality of the sale.",
    ),
    "has yet to": (
        "The EU is considering sanctions on Iran.",
        ("EEC", "IRN", "014"),
        "The government said it had yet to consider sanctions on Iran.",
    ),
    "snapped back that": (
        "Britain and France snapped back sanctions on Iran.",
        ("GBR", "IRN", "163"),
        "Blair snapped back that the reporters knew the reasons.",
    ),
    "a first shot in a campaign": (
        "Israeli troops shot Hamas fighters.",
        ("ISR", "HMS", "193"),
        "The Conservatives said the poster was Labour's first shot in the campaign.",
    ),
    "beating economies": (
        "Police beat the protesters.",
        ("COP", "CVL", "182"),
        "The chancellor vowed to beat the Asian tiger economies.",
    ),
    "speculative warning about a thing an actor owns": (
        "Iran warned that Israel could face retaliation.",
        ("IRN", "ISR", "130"),
        "Labour warned that the loss of government files could hamper the work of the Home Office.",
    ),
    "a view voiced by no political actor": (
        "Some ministers are sceptical about the proposals.",
        ("GOV", None, "012"),
        "Some farmers are sceptical about the proposals.",
    ),
}


@pytest.mark.parametrize("kind", sorted(NON_EVENTS))
def test_non_event_is_dropped_and_the_act_kept(coder: EventCoder, kind: str) -> None:
    act, expected, non_event = NON_EVENTS[kind]
    assert expected in coded(coder, act)
    root = expected[2][:2]
    assert not any(code[:2] == root for *_, code in coded(coder, non_event))


def test_year_before_the_documents_own_year_is_history_without_a_date(coder: EventCoder) -> None:
    """With no reference date, the year a document names most dates its news: an act 'in
    1973' in a story about 2005 is background; the same act in 2005 is coded."""
    news = "The Israeli prime minister visited Egypt in 2005."
    old = coded(coder, f"{news} The American governor first went to Israel in 1973.", None)
    recent = coded(coder, f"{news} The American governor went to Israel in 2005.", None)
    assert ("ISR", "EGY", "042") in old and ("USA", "ISR", "042") not in old
    assert ("USA", "ISR", "042") in recent


def test_leaders_clashing_is_a_row_and_forces_clashing_a_fight(coder: EventCoder) -> None:
    """Political leaders bear no arms: their clash is criticism (111), not fighting (190)."""
    assert coded(coder, "The two political leaders clashed on Tuesday.") == {("GOV", None, "111")}
    assert ("ARM", "AZE", "190") in coded(coder, "Armenian and Azerbaijani forces clashed.")


@pytest.mark.parametrize(
    "remark",
    [
        "The Labour minister said she was shocked at the findings.",
        "The Tory leader told reporters he hoped to start a family with his wife.",
    ],
)
def test_personal_remark_is_no_statement_but_a_position_is(coder: EventCoder, remark: str) -> None:
    """A politician's feelings or family are a personal remark, not a statement (010)."""
    assert ("GBR", "GBR", "010") in coded(
        coder, "The Labour minister said the Conservative plan was unworkable."
    )
    assert coded(coder, remark) == set()
