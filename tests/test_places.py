"""Places: sentence cues, city over country, same-name cities, datelines (real GeoNames data)."""

from __future__ import annotations

import pytest

from wirewatch.coding.places import COUNTRY, US_CITY, WORLD_CITY, Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_city_after_in_resolves_to_city_with_country_and_coordinates(gazetteer):
    place = gazetteer.locate("Erdogan met Putin in Ankara on Friday.")
    assert (place.name, place.country, place.fips, place.location_type) == (
        "Ankara",
        "TUR",
        "TU",
        WORLD_CITY,
    )
    assert place.feature_id == "323786"
    assert place.lat == pytest.approx(39.92, abs=0.01)
    assert place.lon == pytest.approx(32.85, abs=0.01)


def test_country_after_in_resolves_to_country_at_its_capital(gazetteer):
    place = gazetteer.locate("Protests spread in Turkey after the vote.")
    assert (place.name, place.country, place.location_type) == ("Turkey", "TUR", COUNTRY)
    assert place.lat == pytest.approx(39.92, abs=0.01)  # Ankara


def test_city_is_preferred_over_an_earlier_country(gazetteer):
    place = gazetteer.locate("Officials in Turkey said talks in Istanbul failed.")
    assert (place.name, place.country) == ("Istanbul", "TUR")


def test_same_name_city_follows_the_actors_country_then_population(gazetteer):
    assert gazetteer.locate("Protesters gathered in Paris.").country == "FRA"
    texas = gazetteer.locate("Protesters gathered in Paris.", actor_countries={"USA"})
    assert (texas.country, texas.location_type) == ("USA", US_CITY)


def test_based_suffix_and_multiword_names_resolve(gazetteer):
    assert gazetteer.locate("The Istanbul-based firm Aselsan said.").name == "Istanbul"
    assert gazetteer.locate("A New York-based group said.").name == "New York City"
    assert gazetteer.locate("The deal was signed in the United States.").country == "USA"


def test_visit_destination_is_the_place(gazetteer):
    assert gazetteer.locate("Erdogan visited Moscow on Friday.").name == "Moscow"
    assert gazetteer.locate("Ahead of his trip to Beijing, Putin spoke.").name == "Beijing"
    assert gazetteer.locate("Turkey sent troops to Syria.") is None


def test_country_aliases_and_old_city_names_resolve(gazetteer):
    assert gazetteer.locate("Talks were held in the U.S. last week.").country == "USA"
    assert gazetteer.locate("Diplomats met in Kiev.").name == "Kyiv"


@pytest.mark.parametrize(
    "text",
    [
        "In March, Turkey said it would buy the system.",
        "Ankara said it would buy the system.",
        "Thousands march in protest at the plan.",
        "",
    ],
)
def test_sentence_without_a_place_cue_has_no_place(gazetteer, text):
    assert gazetteer.locate(text) is None


def test_dateline_place_in_capitals_resolves(gazetteer):
    assert gazetteer.from_dateline("ANKARA").name == "Ankara"
    assert gazetteer.from_dateline("NEW YORK").name == "New York City"
    assert gazetteer.from_dateline("N'DJAMENA").country == "TCD"
    assert gazetteer.from_dateline("WASHINGTON").country == "USA"
    assert gazetteer.from_dateline(None) is None
    assert gazetteer.from_dateline("NOWHEREVILLE") is None
