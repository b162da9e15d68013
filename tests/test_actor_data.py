"""Checks on the packaged actor dictionaries in wirewatch/coding/data/actors (format: formats.md
section A).

Only the stdlib csv module reads the files here, so a broken file fails these tests before any
loader or matcher sees it.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.resources
import itertools
import re
from collections import defaultdict
from pathlib import Path

import pytest

# Located through the package, as the loader will, so these are the files that ship in the wheel.
ACTOR_DIR = Path(str(importlib.resources.files("wirewatch.coding").joinpath("data", "actors")))
AS_OF = dt.date(2026, 11, 22)

HEADERS = {
    "countries.csv": ["iso3", "name", "aliases", "demonyms", "capital", "government_metonyms"],
    "organisations.csv": ["code", "name", "aliases", "anaphors", "kind", "country", "primary"],
    "people.csv": ["name", "aliases", "country", "role", "title", "start", "end", "party"],
    "agencies.csv": ["name", "aliases", "country", "role"],
    "roles.csv": ["phrase", "role"],
    "common_names.csv": ["form", "reason"],
}
# Columns that must never be empty, per file.
REQUIRED = {
    "countries.csv": ["iso3", "name"],
    "organisations.csv": ["code", "name", "kind"],
    "people.csv": ["name", "country", "role", "title", "start"],
    "agencies.csv": ["name", "country", "role"],
    "roles.csv": ["phrase", "role"],
    "common_names.csv": ["form", "reason"],
}
# Columns holding "|"-separated alternatives.
LIST_COLUMNS = {"aliases", "demonyms", "capital", "government_metonyms", "anaphors"}

# CAMEO 1.1b3 actor role and type codes (the codebook's "third-party" role list), plus IGO/NGO
# for heads of organisations.
CAMEO_ROLES = frozenset(
    {
        "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
        "LEG", "HLH", "HRI", "LAB", "REF", "ELI", "IGO", "NGO", "AGR", "DEV", "ENV", "INS", "SEP",
        "UAF", "MOD", "RAD",
    }
)
ORGANISATION_KINDS = frozenset({"IGO", "NGO", "REB", "PTY"})

# formats.md section A fixes these codes; each maps to a form its row must carry.
FIXED_ORGANISATION_CODES = {
    "NATO": "NATO",
    "EEC": "European Union",
    "UNO": "United Nations",
    "AFU": "African Union",
    "ASN": "ASEAN",
    "ARL": "Arab League",
    "OPC": "OPEC",
    "IAE": "IAEA",
    "WHO": "World Health Organization",
    "IMF": "International Monetary Fund",
    "WBK": "World Bank",
    "WTO": "World Trade Organization",
    "OSC": "OSCE",
    "SCO": "Shanghai Cooperation Organisation",
    "GCC": "Gulf Cooperation Council",
    "G07": "G7",
    "G20": "G20",
    "CST": "Collective Security Treaty Organization",
    "BRI": "BRICS",
    "ICC": "International Criminal Court",
    "IRC": "Red Cross",
    "AMN": "Amnesty International",
    "HRW": "Human Rights Watch",
    "WAS": "ECOWAS",
    "OIC": "Organisation of Islamic Cooperation",
    "COE": "Council of Europe",
    "HMS": "Hamas",
    "HEZ": "Hezbollah",
    "TAL": "Taliban",
    "ISG": "Islamic State",
    "AQA": "al-Qaeda",
    "HTH": "Houthis",
    "PKK": "PKK",
}
FIXED_ORGANISATION_COUNTRIES = {
    "HMS": "PSE",
    "HEZ": "LBN",
    "TAL": "AFG",
    "HTH": "YEM",
    "PKK": "TUR",
}

G20_MEMBER_STATES = frozenset(
    {
        "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX",
        "RUS", "SAU", "ZAF", "TUR", "GBR", "USA",
    }
)
NATO_MEMBER_STATES = frozenset(
    {
        "ALB", "BEL", "BGR", "CAN", "HRV", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
        "ISL", "ITA", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR", "POL", "PRT", "ROU", "SVK",
        "SVN", "ESP", "SWE", "TUR", "GBR", "USA",
    }
)

# Surface forms that legitimately name two countries; the matcher has to use context for them.
ALLOWED_AMBIGUOUS_COUNTRY_FORMS = {
    # Republic of the Congo (COG) and DR Congo (COD) share the short name and the demonym.
    "Congo": {"COG", "COD"},
    "Congolese": {"COG", "COD"},
    # Dominica (DMA) and the Dominican Republic (DOM) share the demonym.
    "Dominican": {"DMA", "DOM"},
    "Dominicans": {"DMA", "DOM"},
}

# Forms as they occur in the five shared seed articles, with the country they must resolve to.
SEED_COUNTRY_FORMS = {
    "Turkey": "TUR",
    "Turkish": "TUR",
    "Ankara": "TUR",
    "United States": "USA",
    "U.S.": "USA",
    "US": "USA",
    "Washington": "USA",
    "Pentagon": "USA",
    "Russia": "RUS",
    "Russian": "RUS",
    "Russians": "RUS",
    "Moscow": "RUS",
    "Kremlin": "RUS",
    "Greece": "GRC",
    "Syria": "SYR",
    "Syrian": "SYR",
    "Iraq": "IRQ",
    "China": "CHN",
    "Chinese": "CHN",
    "India": "IND",
    "France": "FRA",
    "Italy": "ITA",
    "London": "GBR",
}
# People named in the seeds: (form in the text, canonical name, a date inside the article's story).
SEED_PEOPLE = [
    ("Hulusi Akar", "Hulusi Akar", "2019-08-15"),
    ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", "2018-04-03"),
    ("Recep Erdoğan", "Recep Tayyip Erdoğan", "2017-12-29"),
    ("Vladimir Putin", "Vladimir Putin", "2018-04-03"),
    ("Binali Yildirim", "Binali Yıldırım", "2018-03-23"),
    ("Fikri Isik", "Fikri Işık", "2016-11-25"),
    ("Fikri Işık", "Fikri Işık", "2017-04-10"),
    ("Hami Aksoy", "Hami Aksoy", "2018-03-23"),
    ("Tina Kaidanow", "Tina Kaidanow", "2018-07-16"),
    ("Ismail Demir", "İsmail Demir", "2016-11-25"),
    ("Obama", "Barack Obama", "2016-11-25"),
]
SEED_AGENCIES = {
    "Reuters": "GBR",
    "Xinhua": "CHN",
    "AFP": "FRA",
    "Raytheon": "USA",
    "Rosoboronexport": "RUS",
    "Eurosam": "FRA",
    "Hurriyet": "TUR",
    "Sabah": "TUR",
    "Breitbart News": "USA",
}

# Dated facts the brief states; the file must carry them exactly.
STATED_TERMS = [
    ("Donald Trump", "President", "2017-01-20", "2021-01-20"),
    ("Donald Trump", "President", "2025-01-20", ""),
    ("Hulusi Akar", "Defence Minister", "2018-07-10", "2023-06-03"),
    ("Mike Pompeo", "Secretary of State", "2018-04-26", "2021-01-20"),
    ("Barack Obama", "President", "2009-01-20", "2017-01-20"),
    ("Recep Tayyip Erdoğan", "Prime Minister", "2003-03-14", "2014-08-28"),
]

FOREIGN_TITLE_WORDS = (
    "Foreign",
    "Secretary of State",
    "External Affairs",
    "International Relations",
)
DEFENCE_TITLE_WORDS = ("Defence", "Defense", "Armed Forces")
# Current ministers not yet in people.csv because we could not confirm who holds the office and
# since when. Iceland has no defence ministry (its foreign minister covers defence).
KNOWN_GAPS_NATO_FOREIGN = {"ALB", "NLD"}
KNOWN_GAPS_NATO_DEFENCE = {"ALB", "ISL", "LTU", "SVN"}

# Office titles that must not open an alias (royal and religious styles such as "King" may).
TITLE_WORDS = re.compile(
    r"^(President|Prime Minister|Minister|Secretary|General|Gen\.|Chancellor"
    r"|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sir)\b"
)


def _is_current(row: dict[str, str], title_words: tuple[str, ...]) -> bool:
    """True when the row is an open-ended term of an office whose title has one of the words."""
    return not row["end"] and any(word in row["title"] for word in title_words)


def _read(file_name: str) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of one actor file, skipping `#` comment lines as the loader does."""
    with (ACTOR_DIR / file_name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    reader = csv.reader(lines)
    header = next(reader)
    rows = []
    for line_number, cells in enumerate(reader, start=2):
        assert len(cells) == len(header), f"{file_name}: data row {line_number}: {cells}"
        rows.append(dict(zip(header, cells, strict=True)))
    return header, rows


def _split(cell: str) -> list[str]:
    return [part for part in cell.split("|")] if cell else []


def _without_role(form: str) -> str:
    """A metonym cell entry without its optional `:ROLE` suffix."""
    head, _, role = form.rpartition(":")
    return head if head and role.isupper() and len(role) == 3 else form


def _country_forms(row: dict[str, str]) -> list[str]:
    forms = [row["name"]]
    for column in ("aliases", "demonyms", "capital"):
        forms += _split(row[column])
    forms += [_without_role(form) for form in _split(row["government_metonyms"])]
    return forms


@pytest.fixture(scope="module")
def countries() -> list[dict[str, str]]:
    return _read("countries.csv")[1]


@pytest.fixture(scope="module")
def organisations() -> list[dict[str, str]]:
    return _read("organisations.csv")[1]


@pytest.fixture(scope="module")
def people() -> list[dict[str, str]]:
    return _read("people.csv")[1]


@pytest.fixture(scope="module")
def agencies() -> list[dict[str, str]]:
    return _read("agencies.csv")[1]


@pytest.fixture(scope="module")
def roles() -> list[dict[str, str]]:
    return _read("roles.csv")[1]


@pytest.fixture
def seed_text(shared_seeds: Path) -> str:
    """The five shared seed articles, concatenated."""
    articles = sorted(shared_seeds.glob("*.txt"))
    return "\n".join(path.read_text(encoding="utf-8") for path in articles)


@pytest.fixture(scope="module")
def iso3_codes(countries: list[dict[str, str]]) -> set[str]:
    return {row["iso3"] for row in countries}


@pytest.fixture(scope="module")
def organisation_codes(organisations: list[dict[str, str]]) -> set[str]:
    return {row["code"] for row in organisations}


@pytest.mark.parametrize("file_name", sorted(HEADERS))
def test_actor_file_header_matches_format(file_name: str) -> None:
    header, rows = _read(file_name)
    assert header == HEADERS[file_name]
    assert rows, f"{file_name} has no data rows"


@pytest.mark.parametrize("file_name", sorted(HEADERS))
def test_actor_file_opens_with_sources_and_as_of_comment(file_name: str) -> None:
    text = (ACTOR_DIR / file_name).read_text(encoding="utf-8")
    preamble = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        preamble.append(line)
    preamble_text = "\n".join(preamble)
    assert "Sources:" in preamble_text
    assert f"As of: {AS_OF.isoformat()}" in preamble_text


@pytest.mark.parametrize("file_name", sorted(HEADERS))
def test_actor_file_cells_are_trimmed_and_required_cells_filled(file_name: str) -> None:
    _, rows = _read(file_name)
    for row in rows:
        for column, cell in row.items():
            assert cell == cell.strip(), f"{file_name}: {column}={cell!r} has outer whitespace"
            if column in LIST_COLUMNS and cell:
                parts = cell.split("|")
                assert all(part and part == part.strip() for part in parts), (
                    f"{file_name}: {column}={cell!r} has an empty or padded alternative"
                )
                assert len(parts) == len(set(parts)), f"{file_name}: {cell!r} repeats a form"
        for column in REQUIRED[file_name]:
            assert row[column], f"{file_name}: empty {column} in {row}"


@pytest.mark.parametrize("file_name", sorted(HEADERS))
def test_actor_file_apostrophes_are_ascii(file_name: str) -> None:
    # The matcher folds typographic apostrophes in the text to ASCII, so the data must use ASCII.
    _, rows = _read(file_name)
    curly = [cell for row in rows for cell in row.values() if "\u2019" in cell or "\u2018" in cell]
    assert curly == []


def test_version_file_is_one_calendar_version_line() -> None:
    text = (ACTOR_DIR / "VERSION").read_text(encoding="utf-8")
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+\n?", text), text


def test_countries_iso3_codes_are_unique_uppercase_triples(countries: list[dict[str, str]]) -> None:
    codes = [row["iso3"] for row in countries]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)


def test_countries_cover_iso_3166_and_kosovo(iso3_codes: set[str]) -> None:
    assert len(iso3_codes) >= 245
    assert {"XKX", "PSE", "TWN", "HKG", "VAT", "ESH"} <= iso3_codes


def test_countries_include_g20_and_nato_members(iso3_codes: set[str]) -> None:
    assert iso3_codes >= G20_MEMBER_STATES
    assert iso3_codes >= NATO_MEMBER_STATES


def test_countries_of_g20_and_nato_have_demonyms_and_capitals(
    countries: list[dict[str, str]],
) -> None:
    major = G20_MEMBER_STATES | NATO_MEMBER_STATES
    lacking = [
        row["iso3"]
        for row in countries
        if row["iso3"] in major and not (row["demonyms"] and row["capital"])
    ]
    assert lacking == []


def test_countries_forms_in_seed_articles_resolve_to_their_country(
    countries: list[dict[str, str]], seed_text: str
) -> None:
    form_to_countries: dict[str, set[str]] = defaultdict(set)
    for row in countries:
        for form in _country_forms(row):
            form_to_countries[form].add(row["iso3"])
            form_to_countries[form.removeprefix("the ")].add(row["iso3"])
    for form, iso3 in SEED_COUNTRY_FORMS.items():
        assert re.search(rf"\b{re.escape(form)}(?!\w)", seed_text), f"{form!r} is not in the seeds"
        assert form_to_countries.get(form) == {iso3}, f"{form!r} -> {form_to_countries.get(form)}"


def test_countries_no_form_names_two_countries_outside_allow_list(
    countries: list[dict[str, str]],
) -> None:
    form_to_countries: dict[str, set[str]] = defaultdict(set)
    for row in countries:
        for form in _country_forms(row):
            form_to_countries[form].add(row["iso3"])
    ambiguous = {form: codes for form, codes in form_to_countries.items() if len(codes) > 1}
    assert ambiguous == ALLOWED_AMBIGUOUS_COUNTRY_FORMS


def test_countries_metonym_roles_are_cameo_roles(countries: list[dict[str, str]]) -> None:
    for row in countries:
        for form in _split(row["government_metonyms"]):
            if ":" in form and _without_role(form) != form:
                assert form.rpartition(":")[2] in CAMEO_ROLES, f"{row['iso3']}: {form}"


def test_organisations_fixed_codes_present_with_their_bodies(
    organisations: list[dict[str, str]],
) -> None:
    by_code = {row["code"]: row for row in organisations}
    for code, form in FIXED_ORGANISATION_CODES.items():
        assert code in by_code, f"fixed code {code} missing"
        row = by_code[code]
        assert form in [row["name"], *_split(row["aliases"])], f"{code} row is not {form}: {row}"
    for code, iso3 in FIXED_ORGANISATION_COUNTRIES.items():
        assert by_code[code]["country"] == iso3


def test_organisations_codes_unique_and_kinds_known(
    organisations: list[dict[str, str]], iso3_codes: set[str]
) -> None:
    codes = [row["code"] for row in organisations]
    assert len(codes) == len(set(codes))
    for row in organisations:
        assert re.fullmatch(r"[A-Z0-9]{2,4}", row["code"]), row["code"]
        assert row["kind"] in ORGANISATION_KINDS, row
        assert row["country"] == "" or row["country"] in iso3_codes, row
    assert not set(codes) & iso3_codes


def test_organisations_outside_the_fixed_list_are_coded_under_a_fixed_code_or_their_state(
    organisations: list[dict[str, str]], iso3_codes: set[str]
) -> None:
    by_code = {row["code"]: row for row in organisations}
    for row in organisations:
        code, primary = row["code"], row["primary"]
        if code in FIXED_ORGANISATION_CODES:
            assert primary == "", row
        elif row["country"]:
            assert primary == row["country"], row  # "groups ... are coded by their country"
        elif primary:
            assert primary in FIXED_ORGANISATION_CODES and by_code[primary]["primary"] == "", row
    un_agencies = ("WFP", "ICF", "UNHR", "UNRW")
    assert [by_code[code]["primary"] for code in un_agencies] == ["UNO"] * len(un_agencies)
    primaries = {row["primary"] for row in organisations} - {""}
    assert not primaries - iso3_codes - set(FIXED_ORGANISATION_CODES)


def test_organisations_alias_names_one_organisation(organisations: list[dict[str, str]]) -> None:
    form_to_codes: dict[str, set[str]] = defaultdict(set)
    for row in organisations:
        for form in [row["name"], *_split(row["aliases"])]:
            form_to_codes[form].add(row["code"])
    assert {form: codes for form, codes in form_to_codes.items() if len(codes) > 1} == {}


def test_actor_forms_name_one_actor_across_files(
    countries: list[dict[str, str]],
    organisations: list[dict[str, str]],
    people: list[dict[str, str]],
    agencies: list[dict[str, str]],
    roles: list[dict[str, str]],
) -> None:
    """A name, alias, anaphor or role phrase, case folded, leads to one actor (or one role)."""
    form_to_actors: dict[str, set[str]] = defaultdict(set)
    for row in countries:
        for form in _country_forms(row):
            form_to_actors[form.casefold()].add(f"country:{row['iso3']}")
    for row in organisations:
        for form in [row["name"], *_split(row["aliases"])]:
            form_to_actors[form.casefold()].add(f"organisation:{row['code']}")
        for form in _split(row["anaphors"]):
            form_to_actors[form.casefold()].add("anaphor")
    for row in people:
        for form in [row["name"], *_split(row["aliases"])]:
            form_to_actors[form.casefold()].add(f"person:{row['name']}")
    for row in agencies:
        for form in [row["name"], *_split(row["aliases"])]:
            form_to_actors[form.casefold()].add(f"agency:{row['name']}")
    for row in roles:
        form_to_actors[row["phrase"].casefold()].add(f"role:{row['role']}")
    allowed = {
        form.casefold(): {f"country:{iso3}" for iso3 in codes}
        for form, codes in ALLOWED_AMBIGUOUS_COUNTRY_FORMS.items()
    }
    ambiguous = {form: actors for form, actors in form_to_actors.items() if len(actors) > 1}
    assert ambiguous == allowed


@pytest.mark.parametrize("file_name", ["people.csv", "agencies.csv"])
def test_actor_country_is_known_iso3_or_organisation(
    file_name: str, iso3_codes: set[str], organisation_codes: set[str]
) -> None:
    _, rows = _read(file_name)
    unknown = [row for row in rows if row["country"] not in iso3_codes | organisation_codes]
    assert unknown == []


@pytest.mark.parametrize("file_name", ["people.csv", "agencies.csv", "roles.csv"])
def test_actor_roles_are_cameo_role_codes(file_name: str) -> None:
    _, rows = _read(file_name)
    assert sorted({row["role"] for row in rows} - CAMEO_ROLES) == []


def test_people_dates_parse_and_start_not_after_end(people: list[dict[str, str]]) -> None:
    for row in people:
        start = dt.date.fromisoformat(row["start"])
        assert start <= AS_OF, row
        if row["end"]:
            end = dt.date.fromisoformat(row["end"])
            assert start <= end <= AS_OF, row


def test_people_terms_of_one_office_do_not_overlap(people: list[dict[str, str]]) -> None:
    terms: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
    for row in people:
        key = (row["name"], row["country"], row["title"])
        terms[key].append((row["start"], row["end"] or "9999"))
    for key, spans in terms.items():
        spans.sort()
        for (_, first_end), (second_start, _) in itertools.pairwise(spans):
            assert first_end <= second_start, f"{key}: overlapping terms {spans}"


def test_people_aliases_carry_no_titles_and_name_one_person(people: list[dict[str, str]]) -> None:
    form_to_people: dict[str, set[str]] = defaultdict(set)
    for row in people:
        for alias in _split(row["aliases"]):
            assert not TITLE_WORDS.match(alias), f"{row['name']}: alias {alias!r} is titled"
            form_to_people[alias].add(row["name"])
        form_to_people[row["name"]].add(row["name"])
    assert {form: names for form, names in form_to_people.items() if len(names) > 1} == {}


def test_people_rows_of_one_person_share_aliases(people: list[dict[str, str]]) -> None:
    aliases_by_name: dict[str, set[str]] = defaultdict(set)
    for row in people:
        aliases_by_name[row["name"]].add(row["aliases"])
    assert {name: cells for name, cells in aliases_by_name.items() if len(cells) > 1} == {}


def test_people_cover_current_heads_of_g20_and_nato_states(people: list[dict[str, str]]) -> None:
    in_office = {row["country"] for row in people if row["role"] == "GOV" and not row["end"]}
    assert sorted((G20_MEMBER_STATES | NATO_MEMBER_STATES) - in_office) == []


def test_people_cover_foreign_and_defence_ministers_of_g20(people: list[dict[str, str]]) -> None:
    foreign = {row["country"] for row in people if _is_current(row, FOREIGN_TITLE_WORDS)}
    defence = {row["country"] for row in people if _is_current(row, DEFENCE_TITLE_WORDS)}
    assert sorted(G20_MEMBER_STATES - foreign) == []
    assert sorted(G20_MEMBER_STATES - defence) == []


def test_people_cover_foreign_and_defence_ministers_of_nato(people: list[dict[str, str]]) -> None:
    foreign = {row["country"] for row in people if _is_current(row, FOREIGN_TITLE_WORDS)}
    defence = {row["country"] for row in people if _is_current(row, DEFENCE_TITLE_WORDS)}
    assert sorted(NATO_MEMBER_STATES - foreign) == sorted(KNOWN_GAPS_NATO_FOREIGN)
    assert sorted(NATO_MEMBER_STATES - defence) == sorted(KNOWN_GAPS_NATO_DEFENCE)


@pytest.mark.parametrize(("name", "title", "start", "end"), STATED_TERMS)
def test_people_stated_terms_are_recorded_exactly(
    people: list[dict[str, str]], name: str, title: str, start: str, end: str
) -> None:
    matches = [row for row in people if row["name"] == name and row["title"] == title]
    assert (start, end) in {(row["start"], row["end"]) for row in matches}


def test_people_named_in_seed_articles_are_in_office_at_story_time(
    people: list[dict[str, str]], seed_text: str
) -> None:
    for form, name, story_date in SEED_PEOPLE:
        assert form in seed_text, f"{form!r} is not in the seeds"
        rows = [row for row in people if form == row["name"] or form in _split(row["aliases"])]
        assert {row["name"] for row in rows} == {name}, form
        assert any(
            row["start"] <= story_date and (not row["end"] or story_date < row["end"])
            for row in rows
        ), f"{name} not in office on {story_date}"


def test_agencies_in_seed_articles_have_their_country(
    agencies: list[dict[str, str]], seed_text: str
) -> None:
    for form, iso3 in SEED_AGENCIES.items():
        assert form in seed_text, f"{form!r} is not in the seeds"
        rows = [row for row in agencies if form == row["name"] or form in _split(row["aliases"])]
        assert [row["country"] for row in rows] == [iso3], form


def test_agencies_and_roles_reach_minimum_coverage(
    agencies: list[dict[str, str]], roles: list[dict[str, str]]
) -> None:
    assert len(agencies) >= 80
    assert len(roles) >= 80
    phrases = [row["phrase"] for row in roles]
    assert len(phrases) == len(set(phrases))
    assert all(phrase == phrase.lower() for phrase in phrases)


def test_common_names_are_single_capitalised_words_with_a_reason() -> None:
    rows = _read("common_names.csv")[1]
    forms = [row["form"] for row in rows]
    assert len(forms) == len(set(forms))
    for row in rows:
        assert re.fullmatch(r"[^\W\d_][\w'-]*", row["form"]) and row["form"][:1].isupper(), row
        assert row["reason"] in {"word", "first-name", "place", "surname"}, row
    # The failure kinds of issue 16: a shop name that folds to a leader's, a month, a county.
    assert {"Store", "May", "Harris"} <= set(forms)


def test_compiled_leaders_cover_the_states_of_the_1980s(people: list[dict[str, str]]) -> None:
    leaders = [row for row in people if row["title"] == "Effective leader"]
    assert len({row["country"] for row in leaders}) >= 170
    assert all(row["end"] and row["start"] <= row["end"] <= "2015-12-31" for row in leaders)
    in_1985 = {row["country"] for row in leaders if row["start"] <= "1985-06-01" <= row["end"]}
    assert {"USA", "RUS", "GBR", "FRA", "DEU", "CHN", "IND", "MAR", "DDR", "YUG"} <= in_1985
