"""split_dateline on wire lead-ins, ordinary sentences that must not parse, and the seeds."""

from __future__ import annotations

import json

import pytest
from helpers import REPO_SEEDS

from wirewatch.ingest.datelines import split_dateline
from wirewatch.ingest.decoding import decode_bytes
from wirewatch.ingest.normalise import normalise_text

# (paragraph, place, month, day, agency, remaining text)
WIRE_DATELINES = [
    (
        "ANKARA, March 23 (Xinhua) -- Turkey and Greece agreed to resume talks on airspace.",
        "Ankara", 3, 23, "Xinhua",
        "Turkey and Greece agreed to resume talks on airspace.",
    ),
    (
        "WASHINGTON (Reuters) - The United States imposed sanctions on Friday.",
        "Washington", None, None, "Reuters",
        "The United States imposed sanctions on Friday.",
    ),
    (
        "BEIJING, Jan. 5 (AP) — China's foreign ministry said on Friday.",
        "Beijing", 1, 5, "AP",
        "China's foreign ministry said on Friday.",
    ),
    (
        "MOSCOW, March 23 /TASS/. Russia and Kazakhstan agreed to expand port capacity.",
        "Moscow", 3, 23, "TASS",
        "Russia and Kazakhstan agreed to expand port capacity.",
    ),
    (
        "PARIS, 4 mars (AFP) - Une conférence internationale a promis une aide.",
        "Paris", 3, 4, "AFP",
        "Une conférence internationale a promis une aide.",
    ),
    (
        "MADRID, 12 abr (EFE).- España y Marruecos firmaron un acuerdo.",
        "Madrid", 4, 12, "EFE",
        "España y Marruecos firmaron un acuerdo.",
    ),
    (
        "BERLIN (dpa) - Deutschland und Polen wollen gemeinsam patrouillieren.",
        "Berlin", None, None, "dpa",
        "Deutschland und Polen wollen gemeinsam patrouillieren.",
    ),
    (
        "MANILA -- Police arrested 23 people after a rice price protest turned violent.",
        "Manila", None, None, None,
        "Police arrested 23 people after a rice price protest turned violent.",
    ),
    (
        "NEW YORK, Nov. 3 (Reuters) - The U.N. Security Council met on Friday.",
        "New York", 11, 3, "Reuters",
        "The U.N. Security Council met on Friday.",
    ),
    (
        "KUALA LUMPUR, 12 March (Bernama) -- Malaysia will host the talks.",
        "Kuala Lumpur", 3, 12, "Bernama",
        "Malaysia will host the talks.",
    ),
    (
        "BERLIN, 23. März (dpa) - Die Bundesregierung hat neue Grenzkontrollen beschlossen.",
        "Berlin", 3, 23, "dpa",
        "Die Bundesregierung hat neue Grenzkontrollen beschlossen.",
    ),
    (
        "Nairobi (AFP) - Kenya and Ethiopia launched joint patrols on Tuesday.",
        "Nairobi", None, None, "AFP",
        "Kenya and Ethiopia launched joint patrols on Tuesday.",
    ),
    (
        "Alwaght- Turkey, a member of NATO, says it is still holding talks.",
        None, None, None, "Alwaght",
        "Turkey, a member of NATO, says it is still holding talks.",
    ),
]

NOT_DATELINES = [
    "U.S. officials said on Monday that the talks would continue.",
    "Turkey - a NATO member - has bought Russian missiles.",
    "NATO said on Friday that it was concerned by the purchase.",
    "The United States is reportedly in talks with Norway to sell it frigates.",
    "BREAKING: Kenya and Ethiopia agree to joint border force",
]


@pytest.mark.parametrize(
    ("paragraph", "place", "month", "day", "agency", "rest"),
    WIRE_DATELINES,
    ids=[
        "xinhua",
        "reuters-no-date",
        "ap-abbrev-month-em-dash",
        "tass-slashes",
        "afp-french-month",
        "efe-spanish-dot-dash",
        "dpa-no-date",
        "bare-place-double-dash",
        "two-word-place",
        "two-word-place-day-first",
        "german-day-dot-umlaut",
        "title-case-place",
        "outlet-glued-to-dash",
    ],
)
def test_wire_dateline_is_parsed_and_split_off(paragraph, place, month, day, agency, rest):
    dateline, remaining = split_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.month, dateline.day, dateline.agency) == (
        place, month, day, agency,
    )
    assert remaining.strip() == rest
    assert dateline.raw and paragraph.startswith(dateline.raw)


@pytest.mark.parametrize(
    "paragraph",
    NOT_DATELINES,
    ids=["us-abbrev", "title-case-dash", "acronym", "the", "breaking-label"],
)
def test_ordinary_sentence_is_not_parsed_as_dateline(paragraph):
    dateline, remaining = split_dateline(paragraph)
    assert dateline is None
    assert remaining == paragraph


def test_dateline_in_the_middle_of_a_paragraph_is_not_parsed():
    paragraph = "Officials said in ANKARA, March 23 (Xinhua) -- that talks continue."
    assert split_dateline(paragraph) == (None, paragraph)


def test_dateline_with_impossible_day_keeps_place_but_drops_date():
    dateline, remaining = split_dateline("ANKARA, March 45 (Xinhua) -- Turkey said.")
    assert dateline is not None
    assert (dateline.place, dateline.month, dateline.day) == ("Ankara", None, None)
    assert dateline.agency == "Xinhua"
    assert remaining == "Turkey said."


def _manifest_datelines():
    manifest = json.loads((REPO_SEEDS / "manifest.json").read_text(encoding="utf-8"))
    return [entry for entry in manifest if entry["dateline"] is not None]


@pytest.mark.parametrize(
    "entry", _manifest_datelines(), ids=lambda entry: entry["path"].rsplit("/", 1)[-1]
)
def test_seed_dateline_is_found_by_normalise_text(entry):
    text, _ = decode_bytes((REPO_SEEDS / entry["path"]).read_bytes())
    parts = normalise_text(text)
    expected = entry["dateline"]
    assert parts.dateline is not None, entry["path"]
    assert parts.dateline.place is not None
    assert parts.dateline.place.casefold() == expected["place"].casefold()
    assert parts.dateline.month == expected["month"]
    assert parts.dateline.day == expected["day"]
    assert parts.dateline.agency == expected["agency"]
    assert not parts.body.startswith(parts.dateline.raw)
