"""Actor dictionaries and matcher: loading, overrides, composition, possessives, coreference."""

import datetime as dt
from pathlib import Path

import pytest

from wirewatch.coding.actors import (
    ActorDataError,
    ActorMatcher,
    CorefState,
    load_actor_tables,
    packaged_actor_dir,
    primary_code,
    tokenize,
)


@pytest.fixture(scope="module")
def matcher() -> ActorMatcher:
    return ActorMatcher.load()


def find(matcher: ActorMatcher, *sentences: str, ref_date: dt.date | None = None):
    """Mentions per sentence of one document, as (code, surface text, mention) tuples."""
    state = CorefState()
    out = []
    for sentence in sentences:
        tokens = tokenize(sentence)
        out.append([(m.mention.code, sentence[m.mention.start:m.mention.end], m)
                    for m in matcher.find(tokens, state, ref_date)])
    return out if len(out) > 1 else out[0]


def test_packaged_tables_version_comes_from_version_file():
    tables = load_actor_tables()
    expected = (packaged_actor_dir() / "VERSION").read_text(encoding="utf-8").strip()
    assert tables.version == expected
    assert {"countries.csv", "organisations.csv", "people.csv", "agencies.csv",
            "roles.csv"} <= set(tables.rows)


@pytest.mark.parametrize("surface", ["U.S.", "the US", "US", "the United States", "America"])
def test_us_forms_match_usa(matcher, surface):
    sentence = f"{surface} warned Turkey."
    codes = [code for code, _, _ in find(matcher, sentence)]
    assert codes[0].startswith("USA")


def test_lowercase_us_is_not_the_united_states(matcher):
    found = find(matcher, "Tell us what Turkey said.")
    assert [(code, text) for code, text, _ in found] == [("TUR", "Turkey")]


def test_country_title_and_name_compose_into_one_government_actor(matcher):
    sentence = "Turkish Defense Minister Hulusi Akar spoke in Ankara."
    (code, text, match), *_ = find(matcher, sentence, ref_date=dt.date(2019, 8, 1))
    assert text == "Turkish Defense Minister Hulusi Akar"
    assert code.startswith("TUR") and code != "TUR"
    assert match.mention.name.startswith("Hulusi Akar")
    assert match.mention.in_raw_text


def test_demonym_with_role_noun_gets_the_role(matcher):
    found = find(matcher, "Turkish troops crossed the border.")
    assert [(code, text) for code, text, _ in found] == [("TURMIL", "Turkish troops")]


def test_possessive_is_marked_and_excluded_from_the_span(matcher):
    (code, text, match), *_ = find(matcher, "Russia's stance is positive.")
    assert (code, text, match.possessive) == ("RUS", "Russia", True)


def test_capital_after_in_is_a_place_not_an_actor(matcher):
    found = find(matcher, "The talks were held in Ankara.")
    assert [m.is_place for _, text, m in found if text == "Ankara"] == [True]


def test_alliance_refers_back_to_last_nato_mention(matcher):
    _, second = find(matcher, "NATO met in Brussels.", "The alliance criticized Russia.")
    alliance = [m for _, text, m in second if text == "The alliance"]
    assert [(m.mention.code, m.mention.in_raw_text) for m in alliance] == [("NATO", False)]


def test_anaphor_without_antecedent_is_not_an_actor(matcher):
    found = find(matcher, "The alliance criticized Russia.")
    assert [text for _, text, _ in found] == ["Russia"]


def test_the_country_and_he_resolve_to_last_country_and_person(matcher):
    _, second = find(matcher, "Putin visited Turkey.", "He said the country would help.",
                     ref_date=dt.date(2019, 1, 1))
    resolved = {text: (m.mention.code, m.mention.in_raw_text) for _, text, m in second}
    assert resolved["He"][0].startswith("RUS") and resolved["He"][1] is False
    assert resolved["the country"] == ("TUR", False)


def test_it_before_a_verb_is_the_last_state(matcher):
    found = find(matcher, "China said it would buy soybeans.")
    assert [(text, m.mention.code) for _, text, m in found] == [("China", "CHN"), ("it", "CHN")]


def _write(path: Path, name: str, text: str) -> None:
    path.mkdir(parents=True, exist_ok=True)
    (path / name).write_text(text, encoding="utf-8")


def test_user_rows_override_packaged_rows_by_key(tmp_path):
    _write(tmp_path / "mine", "countries.csv",
           "# my additions\niso3,name,aliases,demonyms,capital,government_metonyms\n"
           "TUR,Turkey,Turkiyem Republic,Turkish,Ankara,\n")
    tables = load_actor_tables([tmp_path / "mine"])
    assert tables.version.startswith(load_actor_tables().version + "+user.")
    matcher = ActorMatcher(tables)
    found = find(matcher, "Turkiyem Republic protested.")
    assert [(code, text) for code, text, _ in found] == [("TUR", "Turkiyem Republic")]
    turkey_rows = [r for r in tables.rows["countries.csv"] if r["iso3"] == "TUR"]
    assert len(turkey_rows) == 1


def test_person_resolved_by_reference_date(tmp_path):
    _write(tmp_path / "mine", "people.csv",
           "name,aliases,country,role,title,start,end\n"
           "Ada Quill,Quill,GBR,GOV,Prime Minister,2010-01-01,2014-12-31\n"
           "Ada Quill,Quill,FRA,MIL,Defence adviser,2015-01-01,\n")
    matcher = ActorMatcher(load_actor_tables([tmp_path / "mine"]))
    early = find(matcher, "Quill spoke.", ref_date=dt.date(2012, 5, 1))
    late = find(matcher, "Quill spoke.", ref_date=dt.date(2020, 5, 1))
    assert [code for code, _, _ in early] == ["GBRGOV"]
    assert [code for code, _, _ in late] == ["FRAMIL"]


def test_missing_column_is_a_specific_error(tmp_path):
    _write(tmp_path / "bad", "roles.csv", "phrase\nofficials\n")
    with pytest.raises(ActorDataError, match=r"roles\.csv: missing column"):
        load_actor_tables([tmp_path / "bad"])


def test_bad_date_names_file_and_line(tmp_path):
    _write(tmp_path / "bad", "people.csv",
           "name,aliases,country,role,title,start,end\nX Y,,GBR,GOV,PM,2020-13-01,\n")
    with pytest.raises(ActorDataError, match=r"people\.csv line=.*bad date"):
        ActorMatcher(load_actor_tables([tmp_path / "bad"]))


def test_missing_user_dir_is_an_error(tmp_path):
    with pytest.raises(ActorDataError, match="user directory missing"):
        load_actor_tables([tmp_path / "nope"])


def test_role_for_an_organisation_or_a_foreign_ministry_takes_its_code(matcher):
    found = find(matcher, "A spokesman for the Iranian foreign ministry met the leader of Hamas.")
    assert [(code, text) for code, text, _ in found] == [
        ("IRNGOV", "spokesman for the Iranian foreign ministry"), ("HMS", "leader of Hamas")]


def test_it_prefers_the_first_state_named_in_the_sentence_over_a_possessor(matcher):
    found = find(matcher, "Russia's Wagner group said it had captured the town.")
    text, mention = [(text, m.mention) for _, text, m in found][-1]
    assert (text, mention.code, mention.known_group) == ("it", "RUSREB", "WAG")


def test_groups_without_a_fixed_code_take_their_primary_code_and_keep_their_own(matcher):
    found = find(matcher, "The Rapid Support Forces attacked a World Food Programme convoy, "
                          "UNICEF said, and the RSF leader met NATO.")
    assert [(primary_code(m.mention), m.mention.code, m.mention.country, m.mention.known_group)
            for _, _, m in found] == [
        ("SDN", "SDNREB", "SDN", "RSF"), ("UNO", "UNO", None, "WFP"), ("UNO", "UNO", None, "ICF"),
        ("SDN", "SDNREB", "SDN", "RSF"), ("NATO", "NATO", None, "NATO")]


def test_organisations_file_without_primary_column_still_loads(tmp_path):
    _write(tmp_path / "old", "organisations.csv",
           "code,name,aliases,anaphors,kind,country\n"
           "RSF,Rapid Support Forces,RSF,the militia,REB,SDN\n")
    matcher = ActorMatcher(load_actor_tables([tmp_path / "old"]))
    (_, _, match), = find(matcher, "The RSF attacked.")
    assert (match.mention.code, primary_code(match.mention)) == ("RSF", "RSF")


def test_organisation_primary_must_be_a_state_or_a_self_coded_organisation(tmp_path):
    _write(tmp_path / "bad", "organisations.csv",
           "code,name,aliases,anaphors,kind,country,primary\n"
           "XYZ,Xyz Front,,,REB,,QQQ\n")
    with pytest.raises(ActorDataError, match=r"organisations\.csv code=XYZ: primary='QQQ'"):
        ActorMatcher(load_actor_tables([tmp_path / "bad"]))


def test_places_coordinated_with_and_are_places(matcher):
    found = find(matcher, "Strikes hit targets in Iraq and Syria, Turkey said.")
    places = {text: m.is_place for _, text, m in found}
    assert places == {"Iraq": True, "Syria": True, "Turkey": False}
