"""The coder codes an act only when the sentence asserts it (bench/events/ANNOTATION.md, "What is
an event"): one test per kind of unasserted act, each next to the asserted form of the same
sentence, so that a rule that drops everything fails as surely as one that drops nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from wirewatch.coding.actors import primary_code
from wirewatch.coding.events import EventCoder

REF = dt.date(2021, 6, 15)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load()


def coded(coder: EventCoder, text: str) -> set[tuple[str | None, str | None, str]]:
    """(source, target, code) of every event in text; actors as primary codes."""
    return {
        (
            primary_code(e.actor1) if e.actor1 else None,
            primary_code(e.actor2) if e.actor2 else None,
            e.event_code,
        )
        for e in coder.code_text(text, REF)
    }


def roots(coder: EventCoder, text: str) -> set[str]:
    return {code[:2] for _, _, code in coded(coder, text)}


# (asserted sentence, its root, the same act not asserted) per kind.
UNASSERTED = {
    "negative subject": (
        "Several Gulf monarchies have endorsed the Iranian proposal.", "05",
        "None of the Gulf monarchies have endorsed the Iranian proposal."),
    "negative pronoun": (
        "Berlin has criticised France over the tariffs.", "11",
        "Nobody in Berlin has criticised France over the tariffs."),
    "habit": (
        "Serbia condemned Kosovo's election.", "11",
        "Serbia usually condemns Kosovo's elections."),
    "generic": (
        "Hungary opposed the new sanctions on Russia.", "11",
        "Hungary has always opposed sanctions on Russia."),
    "forecast (expected)": (
        "Egypt hosted talks between Israel and Hamas.", "04",
        "Egypt is expected to host talks between Israel and Hamas."),
    "forecast (likely)": (
        "Egypt hosted talks between Israel and Hamas.", "04",
        "Egypt is likely to host talks between Israel and Hamas."),
    "forecast by another": (
        "Japan sold ten frigates to Australia.", "06",
        "The analyst expected Japan to sell ten frigates to Australia."),
    "counterfactual": (
        "Chile sued Peru at the international court.", "11",
        "Without the treaty, Chile would have sued Peru at the international court."),
    "counterfactual with a condition": (
        "France sanctioned Mali after the coup.", "16",
        "France would have sanctioned Mali if the junta had refused."),
    "conditional after the main clause": (
        "Ghana investigated Togo's border officials.", "09",
        "Ghana would investigate Togo's border officials if the smuggling continued."),
    "quoted question": (
        "Russia bombed the hospital, the Ukrainian minister said.", "19",
        '"Did Russia bomb the hospital?" the Ukrainian minister asked.'),
    "allegation about a third party": (
        "Belarus attacked a border post in Ukraine.", "19",
        "The Ukrainian army claimed that Belarus had attacked a border post."),
    "future time clause": (
        "The Nordic ministers met in Oslo, Norway's foreign ministry said.", "04",
        "Analysts said Finland could change course when the Nordic ministers meet in Oslo."),
    "alleged act": (
        "Moldovan rebels attacked a Romanian border post.", "18",
        "Moldovan rebels allegedly attacked a Romanian border post."),
}


@pytest.mark.parametrize("kind", sorted(UNASSERTED))
def test_an_unasserted_act_is_not_coded_and_its_asserted_form_is(coder, kind):
    asserted, root, unasserted = UNASSERTED[kind]
    assert root in roots(coder, asserted), asserted
    assert coded(coder, unasserted) == set(), unasserted


def test_a_negated_act_is_not_coded_but_a_refusal_is_a_rejection(coder):
    assert coded(coder, "The Dutch premier did not meet the Belgian king on Monday.") == set()
    assert roots(coder, "The Dutch premier met the Belgian king on Monday.") == {"04"}
    assert roots(coder, "The Dutch premier refused to meet the Belgian king.") == {"12"}


def test_will_not_followed_by_have_to_is_no_refusal(coder):
    assert roots(coder, "Peru said it will not give up its claim to the islands.") == {"12"}
    assert coded(coder, "Peru said its envoy will not have to give up his passport.") == set()


def test_a_bare_warning_about_no_actor_is_a_forecast_not_a_threat(coder):
    assert coded(coder, "The Kenyan health ministry warned that 60 people would be admitted to "
                        "hospital.") == set()
    assert coded(coder, "Egypt warned that food prices could rise sharply this winter.") == set()
    # A warning to an actor, or about what will befall one, is still a threat (13).
    assert roots(coder, "Egypt warned Ethiopia against filling the dam.") == {"13"}
    assert "13" in roots(coder, "Iran warned that any Israeli strike would be met with a "
                                "crushing response.")


def test_schedules_and_plans_of_cooperation_are_intent(coder):
    # "is to / is due to / is set to": announced, not yet done (03x, CAMEO's intent family).
    for text in ("The Japanese foreign minister is to visit China next week.",
                 "The Japanese foreign minister is due to visit China next week.",
                 "The Japanese foreign minister will visit China next week.",
                 "The Japanese foreign minister plans to visit China."):
        assert coded(coder, text) == {("JPN", "CHN", "036")}, text
    assert coded(coder, "The Japanese foreign minister visited China.") == {("JPN", "CHN", "042")}
    assert roots(coder, "Vietnam is set to sign a defence pact with Japan.") == {"03"}


def test_a_stated_conditional_retaliation_is_a_threat_a_writers_one_is_not(coder):
    assert roots(coder, "Syria said it would retaliate against Israel if the strikes "
                        "continued.") == {"13"}
    assert coded(coder, "Syria would retaliate against Israel if the strikes continued.") == set()


def test_an_allegation_is_coded_as_the_accusation_not_the_act(coder):
    # Convention: "X alleged that Y did Z" is X accusing Y (112); Z is not asserted.
    assert coded(coder, "Ukraine alleged that Belarus had attacked a border post.") == {
        ("UKR", "BLR", "112")}
    # A neutral report keeps the reported act with its own actors (guideline).
    assert roots(coder, "Ukraine said that Belarus had attacked a border post.") == {"19"}
    # A claim about one's own forces is the claimant's act.
    assert roots(coder, "Russia claimed that its forces had captured the town from "
                        "Ukraine.") == {"19"}


def test_background_clauses_are_not_new_events(coder):
    assert coded(coder, "Since the 2003 invasion of Iraq by the United States, Iran has "
                        "expanded its influence.") == set()
    assert coded(coder, "Qatar has hosted the Taliban's office since 2013.") == set()
    assert roots(coder, "Qatar hosted the Taliban's negotiators on Monday.") == {"04"}


def test_an_allegation_whose_content_names_its_own_subject_drops_the_content(coder):
    # The relative "who" gives "sent" the prosecutor as subject; the content names its own.
    text = ("The case was brought by the Dutch government, which alleged that a local trader "
            "and his partners sent weapons to Yemen.")
    assert coded(coder, text) == {("NLD", None, "112")}
    assert roots(coder, "The Dutch government sent weapons to Yemen.") == {"07"}


def test_a_plan_with_a_condition_is_not_coded(coder):
    assert roots(coder, "Ecuador planned to sue Colombia over the spraying.") == {"11"}
    assert coded(coder, "Ecuador planned to sue Colombia over the spraying if the talks "
                        "failed.") == set()


def test_a_speakers_forecast_of_another_actors_conflictual_act_is_not_coded(coder):
    # Its maker announcing it is coded as the act (guideline); someone else foreseeing it is not.
    assert roots(coder, "Austria said it would expel two Serbian diplomats.") == {"17"}
    assert coded(coder, "A Croatian minister said Austria would expel two Serbian "
                        "diplomats.") == set()


def test_a_perfect_in_a_relative_clause_is_background(coder):
    text = ("Georgia's president, who has accused Moscow of meddling, won a second term on "
            "Sunday.")
    assert "11" not in roots(coder, text)
    assert roots(coder, "Georgia's president accused Moscow of meddling on Sunday.") == {"11"}
