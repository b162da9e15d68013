"""CAMEO event coder: data tables, sentences, pattern families, voice, modality, speech, seeds."""

import csv
import datetime as dt
from pathlib import Path

import pytest

from wirewatch.coding.actors import primary_code
from wirewatch.coding.events import EventCoder
from wirewatch.coding.patterns import (
    EventDataError,
    compile_pattern,
    load_event_codes,
    load_verb_patterns,
)

REF = dt.date(2019, 8, 1)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load()


def primary(mention):
    """Primary code as score.py compares it; None for no actor or a role-only one."""
    if mention is None or (mention.country is None and mention.known_group is None):
        return None
    return primary_code(mention)


def dyads(coder: EventCoder, text: str, ref_date: dt.date | None = REF) -> set[tuple]:
    """(actor1 primary, actor2 primary, full code) of every event in text."""
    return {(primary(e.actor1), primary(e.actor2), e.event_code)
            for e in coder.code_text(text, ref_date)}


def roots(coder: EventCoder, text: str) -> set[str]:
    return {e.event_root_code for e in coder.code_text(text, REF)}


# -- data tables ---------------------------------------------------------------------------

def test_event_code_table_covers_all_roots_with_pinned_quad_classes():
    codes = load_event_codes()
    assert len(codes) >= 280
    expected_quad = {**dict.fromkeys(["01", "02", "03", "04", "05"], 1),
                     **dict.fromkeys(["06", "07", "08"], 2),
                     **dict.fromkeys(["09", "10", "11", "12", "13"], 3),
                     **dict.fromkeys([f"{n}" for n in range(14, 21)], 4)}
    for info in codes.values():
        assert info.quad_class == expected_quad[info.root_code], info.code
        assert info.code.startswith(info.base_code) and info.base_code.startswith(info.root_code)
        assert -10.0 <= info.goldstein <= 10.0
    assert {info.root_code for info in codes.values()} == set(expected_quad)
    # GDELT's Goldstein table is the pinned one (Phoenix has 3.4 and -6.5 here).
    assert (codes["016"].goldstein, codes["163"].goldstein) == (-2.0, -8.0)
    assert codes["010"].plover_type is None and codes["020"].plover_type is None
    assert (codes["057"].plover_type, codes["163"].plover_type) == ("AGREE", "COERCE")


def test_verb_patterns_number_at_least_200_and_cover_every_root():
    # "---" rows are senses that are no event ("seized the opportunity"): no root
    patterns = [p for p in load_verb_patterns(load_event_codes()) if p.code != "---"]
    assert len(patterns) >= 200
    by_root: dict[str, int] = {}
    for pattern in patterns:
        by_root[pattern.code[:2]] = by_root.get(pattern.code[:2], 0) + 1
    assert set(by_root) == {f"{n:02d}" for n in range(1, 21)}
    assert sum(1 for n in by_root.values() if n >= 10) >= 15


def test_pattern_examples_with_two_states_code_their_own_root(coder):
    path = Path(__file__).resolve().parents[1] / "wirewatch/coding/data/cameo/verb_patterns.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    checked = failed = 0
    for row in rows:
        events = coder.code_text(row["example"] + ".")
        if not events:
            continue  # e.g. "Protesters marched": no state or organisation to code
        checked += 1
        if row["code"][:2] not in {e.event_root_code for e in events}:
            failed += 1
    assert checked >= 250
    assert failed <= checked * 0.03


def test_pattern_starting_with_a_slot_is_refused():
    with pytest.raises(EventDataError, match="must start with a literal"):
        compile_pattern("@ visited", "042", 7)


def test_unknown_code_in_pattern_file_names_the_line(tmp_path):
    bad = tmp_path / "verb_patterns.csv"
    bad.write_text("pattern,code,example\nvisit+,999,x\n", encoding="utf-8")
    with pytest.raises(EventDataError, match="line=2: unknown CAMEO code"):
        load_verb_patterns(load_event_codes(), bad)


def test_version_names_ruleset_actor_data_and_rules_digest(coder):
    from wirewatch.coding.events import rules_digest

    assert coder.version.startswith("cameo-")
    assert "+actors-" + coder.matcher.version + "+" in coder.version
    assert coder.version.endswith("+rules." + rules_digest())


def test_rules_digest_changes_when_a_pattern_file_changes(tmp_path):
    from wirewatch.coding import events, patterns

    before = events.rules_digest()
    data = tmp_path / "cameo"
    data.mkdir()
    for path in patterns.cameo_data_dir().glob("*.csv"):
        (data / path.name).write_bytes(path.read_bytes())
    assert events.rules_digest(data) == before
    with (data / "verb_patterns.csv").open("a", encoding="utf-8") as handle:
        handle.write("# one more comment line\n")
    assert events.rules_digest(data) != before


# -- sentences and offsets -----------------------------------------------------------------

def test_sentence_split_keeps_abbreviations_and_initials_together(coder):
    text = ("Gen. Smith met Mr. Jones in the U.S. capital on Jan. 5 under resolution No. 12. "
            "John F. Kennedy was mentioned. The talks ended in the U.S. The end came later.")
    sentences = [text[a:b] for a, b in coder.split_sentences(text)]
    assert sentences == [
        "Gen. Smith met Mr. Jones in the U.S. capital on Jan. 5 under resolution No. 12.",
        "John F. Kennedy was mentioned.",
        "The talks ended in the U.S.",
        "The end came later.",
    ]


def test_line_breaks_end_sentences(coder):
    text = "Turkey says deal is on\nRussia agreed."
    assert [text[a:b] for a, b in coder.split_sentences(text)] == [
        "Turkey says deal is on", "Russia agreed."]


def test_offsets_slice_the_text_exactly(coder):
    text = ("ANKARA, July 12 (Reuters) - Some preamble here.\n"
            "Washington slapped sanctions on Turkey last month. Turkey condemned the move.")
    events = coder.code_text(text, REF)
    assert events
    for event in events:
        sentence = text[event.sentence_start:event.sentence_end]
        evidence = text[event.evidence_start:event.evidence_end]
        action = text[event.action_start:event.action_end]
        assert evidence in sentence and action in evidence
        for actor in (event.actor1, event.actor2):
            if actor is not None:
                assert event.evidence_start <= actor.start < actor.end <= event.evidence_end
    sanction = next(e for e in events if e.event_code == "163")
    assert text[sanction.action_start:sanction.action_end] == "slapped sanctions"
    assert text[sanction.evidence_start:sanction.evidence_end] == \
        "Washington slapped sanctions on Turkey"


def test_lead_paragraph_flag(coder):
    text = ("Turkey Says Talks Go On\n"
            "Turkey and Russia signed an agreement on gas supplies in Ankara on Monday.\n"
            "France condemned Russia for the attack.")
    events = coder.code_text(text, REF)
    assert {(e.event_code, e.is_lead) for e in events} == {("057", True), ("111", False)}


def test_coding_is_deterministic(coder, shared_seeds):
    text = (shared_seeds / "000_2d3a86c4d2cb8e3e.txt").read_text(encoding="utf-8")
    assert coder.code_text(text, REF) == coder.code_text(text, REF)


# -- one sentence per root -----------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("Russia denied the accusations from Britain.", ("RUS", "GBR", "016")),
    ("NATO called on Turkey to reconsider the purchase.", ("NATO", "TUR", "020")),
    ("Iran expressed readiness to cooperate with the IAEA.", ("IRN", "IAE", "030")),
    ("Putin met Erdogan in Sochi.", ("RUS", "TUR", "040")),
    ("Erdogan visited Moscow on Tuesday.", ("TUR", "RUS", "042")),
    ("The European Union praised Greece.", ("EEC", "GRC", "051")),
    ("Britain shared intelligence with France.", ("GBR", "FRA", "064")),
    ("The United States provided military aid to Ukraine.", ("USA", "UKR", "072")),
    ("Iran released the British tanker.", ("IRN", "GBR", "084")),
    ("The United Nations launched an investigation into Syria.", ("UNO", "SYR", "090")),
    ("Turkey demanded the release of its citizens from Iran.", ("TUR", "IRN", "1053")),
    ("France condemned Russia for the attack.", ("FRA", "RUS", "111")),
    ("Israel blamed Iran for the attack.", ("ISR", "IRN", "112")),
    ("Ankara rejected the proposal from Athens.", ("TUR", "GRC", "127")),
    ("Russia warned NATO against expanding.", ("RUS", "NATO", "130")),
    ("Russia deployed troops to the border with Ukraine.", ("RUS", "UKR", "152")),
    ("Britain expelled Russian diplomats.", ("GBR", "RUS", "174")),
    ("Bolivia cut ties with Israel.", ("BOL", "ISR", "161")),
    ("The United States imposed sanctions on Iran.", ("USA", "IRN", "163")),
    ("Egypt detained two French citizens.", ("EGY", "FRA", "173")),
    ("The Taliban kidnapped two Pakistani engineers.", ("TAL", "PAK", "181")),
    ("Russia invaded Ukraine.", ("RUS", "UKR", "192")),
    ("Israel launched airstrikes on Syria.", ("ISR", "SYR", "195")),
    ("Syria used chemical weapons against Turkey.", ("SYR", "TUR", "2041")),
])
def test_pattern_family_codes_source_target_and_code(coder, sentence, expected):
    assert expected in dyads(coder, sentence)


def test_protest_with_a_state_actor_is_root_14(coder):
    assert "14" in roots(coder, "Turkish protesters demonstrated outside the Israeli embassy.")


# -- voice, negation, modality -------------------------------------------------------------

def test_passive_voice_takes_source_from_by_phrase(coder):
    assert dyads(coder, "Sanctions were imposed on Iran by the United States.") == {
        ("USA", "IRN", "163")}


def test_passive_without_agent_is_not_coded(coder):
    assert coder.code_text("Sanctions were imposed on Iran.", REF) == []


@pytest.mark.parametrize("sentence", [
    "Russia did not sign the agreement with Ukraine.",
    "Iran has never attacked Israel.",
    "The United States could impose sanctions on Turkey, analysts said.",
    "If Russia attacks Ukraine, the costs will be high.",
])
def test_negated_and_hypothetical_verbs_are_not_coded(coder, sentence):
    assert coder.code_text(sentence, REF) == []


def test_will_not_yield_is_a_refusal_to_yield(coder):
    coded = dyads(coder, "Turkey will not turn back on the deal with Russia.")
    assert {code for _, _, code in coded} == {"124"}


def test_future_cooperation_is_intent_and_future_conflict_is_the_act(coder):
    assert dyads(coder, "Germany will send tanks to Ukraine.") == {("DEU", "UKR", "0332")}
    assert dyads(coder, "Russia will expel the British ambassador.") == {("RUS", "GBR", "174")}


def test_concern_about_an_actor_is_disapproval_and_about_a_situation_pessimism(coder):
    assert dyads(coder, "France expressed concern over Iran's nuclear programme.") == {
        ("FRA", "IRN", "110")}
    assert dyads(coder, "France expressed concern over the fighting.") == {
        ("FRA", None, "012")}


def test_domestic_event_between_roles_of_one_country_is_kept(coder):
    assert ("SYR", "SYR", "194") in dyads(
        coder, "Syrian government forces shelled Syrian rebels near Idlib.")


def test_role_in_a_capital_takes_that_country(coder):
    assert dyads(coder, "Officials in Seoul condemned Pyongyang.") == {("KOR", "PRK", "111")}


def test_participle_clause_is_an_event_of_the_main_subject(coder):
    assert dyads(coder, "Biden made a visit to Kyiv, pledging more aid to Ukraine.",
                 dt.date(2023, 2, 20)) == {("USA", "UKR", "042"), ("USA", "UKR", "033")}


def test_refusal_maps_to_the_reject_family(coder):
    assert dyads(coder, "Russia refused to sign the agreement with Ukraine.") == {
        ("RUS", "UKR", "127")}


def test_threat_to_sanction_is_1312(coder):
    assert dyads(coder, "Washington threatened to impose sanctions on Turkey.") == {
        ("USA", "TUR", "1312")}


def test_warning_that_target_could_face_sanctions_is_a_threat(coder):
    assert dyads(coder, "The U.S. has warned Turkey could face sanctions.") == {
        ("USA", "TUR", "1312")}


def test_threat_to_attack_is_a_military_threat(coder):
    assert dyads(coder, "North Korea threatened to attack South Korea.") == {
        ("PRK", "KOR", "1384")}


def test_intent_to_meet_is_036(coder):
    assert dyads(coder, "Iran plans to hold talks with the IAEA.") == {("IRN", "IAE", "036")}


# -- reported speech, coordination, coreference --------------------------------------------

def test_reported_speech_codes_the_embedded_actors(coder):
    assert dyads(coder, "France said Russia supplied Iran with missiles.") == {
        ("RUS", "IRN", "062")}


def test_reported_it_refers_to_the_speaker(coder):
    events = coder.code_text("China said it would buy more soybeans from Brazil.", REF)
    assert [(primary(e.actor1), primary(e.actor2), e.event_code, e.actor1.in_raw_text)
            for e in events] == [("CHN", "BRA", "0311", False)]


def test_quoted_we_is_the_speakers_actor(coder):
    text = ("\u201cWe invite Washington to drop its talk of sanctions and tariffs,\u201d "
            "the Turkish defence minister told reporters in Ankara.")
    assert dyads(coder, text) == {("TUR", "USA", "020")}


def test_one_event_per_coordinated_target(coder):
    assert dyads(coder, "Turkey signed an arms deal with France and Italy.") == {
        ("TUR", "FRA", "057"), ("TUR", "ITA", "057")}


def test_coordinated_subjects_without_target_act_on_each_other(coder):
    assert dyads(coder, "Turkey and Russia signed a deal.") == {
        ("TUR", "RUS", "057"), ("RUS", "TUR", "057")}


def test_alliance_anaphor_codes_nato_with_lower_confidence(coder):
    text = "NATO held a summit in Brussels. The alliance criticized Russia."
    (event,) = coder.code_text(text, REF)
    assert (event.actor1.code, event.actor1.in_raw_text, primary(event.actor2)) == (
        "NATO", False, "RUS")
    (direct,) = coder.code_text("NATO criticized Russia.", REF)
    assert event.confidence < direct.confidence


def test_clause_split_on_while_keeps_subjects_apart(coder):
    text = "Greece condemned Turkey's decision, while Cyprus rejected the proposal."
    assert dyads(coder, text) == {("GRC", "TUR", "111"), ("CYP", None, "127")}


def test_verb_used_as_noun_is_not_an_event(coder):
    assert coder.code_text("Yildirim referred to the retreat of Kurdish militia.", REF) == []


# -- the shared seed articles --------------------------------------------------------------

def seed(folder: Path, name: str) -> str:
    return next(folder.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def test_seed_000_key_events(coder, shared_seeds):
    coded = dyads(coder, seed(shared_seeds, "000"), dt.date(2018, 3, 23))
    assert ("TUR", "USA", "046") in coded  # continuing talks on Patriots
    assert ("TUR", "RUS", "057") in coded  # Ankara signed an accord with Moscow
    assert ("USA", "TUR", "1312") in coded  # the U.S. warns Turkey it might face sanctions
    assert ("USA", "TUR", "036") in coded  # Kaidanow will pay a visit to Turkey (intent)


def test_seed_004_refusal_to_turn_back_is_not_a_positive_event(coder, shared_seeds):
    events = coder.code_text(seed(shared_seeds, "004"), REF)
    first_sentence = [e for e in events if e.sentence_index == 0]
    assert all(e.event_root_code != "08" for e in first_sentence)
    coded = {(primary(e.actor1), primary(e.actor2), e.event_code) for e in events}
    assert ("USA", "TUR", "163") in coded  # Washington slapped sanctions on Turkey
    assert ("TUR", "USA", "020") in coded  # "We invite the United States ..."


def test_seed_002_warning_of_sanctions(coder, shared_seeds):
    coded = dyads(coder, seed(shared_seeds, "002"), dt.date(2018, 7, 18))
    assert ("USA", "TUR", "1312") in coded
    assert ("USA", "TUR", "046") in coded


def test_question_reports_no_event(coder):
    assert coder.code_text("Could Germany send tanks to Ukraine?", REF) == []


def test_background_state_since_a_year_is_not_an_event(coder):
    assert coder.code_text("Qatar has hosted Hamas leaders since 2012.", REF) == []


def test_meeting_in_the_targets_country_is_a_visit(coder):
    assert dyads(coder, "Foreign Minister Sergei Lavrov met Wang Yi in Beijing.",
                 dt.date(2023, 3, 1)) == {("RUS", "CHN", "042")}


def test_gunmen_killing_is_unconventional_violence(coder):
    assert dyads(coder, "Gunmen killed five soldiers in northern Nigeria.") == {
        ("NGA", "NGA", "180")}


def test_the_two_countries_refers_to_the_last_two_parties(coder):
    text = "Erdogan hosted Putin in Ankara. The two countries signed an energy agreement."
    events = [e for e in coder.code_text(text, REF) if e.sentence_index == 1]
    assert {(primary(e.actor1), primary(e.actor2), e.event_code) for e in events} == {
        ("TUR", "RUS", "057"), ("RUS", "TUR", "057")}
    assert all(not e.actor1.in_raw_text for e in events)


def test_role_only_actors_are_kept_with_their_role_code(coder):
    (event,) = coder.code_text("Police arrested the protesters.", REF)
    assert (event.actor1.code, event.actor1.country, event.event_code) == ("COP", None, "173")


def test_reverse_pattern_makes_the_slot_the_source(coder):
    assert dyads(coder, "Turkey drew criticism from Germany.") == {("DEU", "TUR", "111")}


def test_reverse_pattern_without_slot_is_refused():
    with pytest.raises(EventDataError, match="reverse pattern needs an @ slot"):
        compile_pattern("draw+ criticism", "111", 3, reverse=True)


def test_demonym_with_weapon_noun_is_the_acting_state(coder):
    assert ("RUS", "UKR", "190") in dyads(
        coder, "Russian drones struck residential buildings in Kyiv overnight.")


def test_base_form_after_a_noun_is_a_noun(coder):
    coded = dyads(coder, "South Korea agreed to sell light attack aircraft to Poland.")
    assert coded == {("KOR", "POL", "0312")}


def test_strike_on_two_places_targets_both_countries(coder):
    coded = dyads(coder, "The United States struck more than 85 targets in Iraq and Syria.")
    assert coded == {("USA", "IRQ", "190"), ("USA", "SYR", "190")}


def test_nominal_visit_takes_the_main_subject(coder):
    assert ("FRA", "CHN", "042") in dyads(
        coder, "Macron urged Xi to act during a state visit to Beijing.", dt.date(2023, 4, 6))


def test_retaliation_with_sanctions_is_a_sanction(coder):
    assert dyads(coder, "Beijing retaliated with sanctions on the European Union.") == {
        ("CHN", "EEC", "163")}


@pytest.mark.parametrize("text", ["", "\n\n", "?!", "'s", "U.S.", "A" * 5000, "“”\"$5.5"])
def test_degenerate_text_codes_nothing_and_does_not_raise(coder, text):
    assert coder.code_text(text) == []


def test_offsets_stay_ordered_on_word_salad(coder):
    import random

    words = [
        "Turkey", "Russia", "the", "U.S.", "signed", "deal", "with", "and", "not", "will",
        "said", "it", "he", "NATO", "alliance", "attacked", ",", ".", ";", "threatened", "to",
        "impose", "sanctions", "on", "warned", "could", "face", "talks", "met", "visited",
        '"', "“", "”", "?",
    ]
    rng = random.Random(7)
    n_events = 0
    for _ in range(500):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        for e in coder.code_text(text):
            n_events += 1
            assert 0 <= e.sentence_start <= e.evidence_start <= e.action_start \
                <= e.action_end <= e.evidence_end <= e.sentence_end <= len(text)
    assert n_events > 100


def test_islamic_state_is_coded_isg_and_iceland_isl(coder):
    assert dyads(coder, "Islamic State militants kidnapped three Iraqi soldiers.") == {
        ("ISG", "IRQ", "181")}
    assert ("ISL", "NOR", "042") in dyads(coder, "Iceland's prime minister visited Oslo.")


def test_lowercase_common_word_is_not_an_organisation_name(coder):
    events = coder.code_text("Myanmar's junta released 5,000 prisoners in an amnesty.", REF)
    assert events and all(e.actor2 is None or e.actor2.known_group != "AMN" for e in events)
    assert "AMN" in {primary(e.actor1) for e in coder.code_text(
        "Amnesty accused Israel of war crimes.", REF)}


def test_violent_act_named_as_topic_of_concern_is_not_coded(coder):
    assert roots(coder, "Iraq voiced concern about Turkish airstrikes in the north.") == {"11"}
    assert roots(coder, "Islamic State claimed responsibility for the suicide bombing.") == {"01"}


def test_standing_position_with_has_long_is_not_coded(coder):
    assert roots(coder, "The Chinese military has long opposed U.S. arms sales to Taiwan.") == set()


def test_violence_without_a_named_actor_is_not_coded(coder):
    assert roots(coder, "The strikes killed 12 people, state media said.") == set()
    assert ("BFA", "BFA", "180") in dyads(
        coder, "Gunmen killed at least 20 people in an attack on a village in Burkina Faso.")


def test_new_vocabulary_codes_cooperation_aid_and_yield(coder):
    assert ("FRA", "DEU", "062") in dyads(
        coder, "France and Germany began a joint naval exercise in the Baltic Sea.")
    assert ("TUR", "IRQ", "063") in dyads(
        coder, "Turkey extradited two suspected Islamic State members to Iraq.")
    assert ("CHN", "KEN", "071") in dyads(coder, "China extended a $1 billion loan to Kenya.")
    assert ("RUS", "UKR", "0874") in dyads(
        coder, "Russia pulled its troops back from the Ukrainian border.")
    assert ("WAS", "NER", "139") in dyads(
        coder, "ECOWAS gave Niger's junta an ultimatum to restore the president.")


def test_act_dated_in_an_earlier_year_is_history_not_news(coder):
    text = "The war began when Russia invaded Ukraine in February 2022."
    assert coder.code_text(text, dt.date(2024, 5, 1)) == []
    assert "19" in {e.event_root_code for e in coder.code_text(text, dt.date(2022, 3, 1))}


def test_worry_and_alarm_code_the_concerned_actor_as_source(coder):
    assert ("NATO", "TUR", "110") in dyads(
        coder, "NATO is worried that Turkey's purchase could expose allied jets, a spokesman said.")
    assert ("USA", "TUR", "111") in dyads(
        coder, "Turkey's purchase of the Russian system has alarmed Washington, officials said.")
    assert ("NATO", "TUR", "110") in dyads(
        coder, "Turkey's purchase of Russian batteries has raised concerns with NATO allies.")


def test_claim_of_responsibility_names_the_attacker_and_has_no_target(coder):
    coded = dyads(coder, "Gunmen stormed a hotel in Mogadishu, killing nine people, in an attack "
                         "claimed by al-Shabaab.")
    assert ("SOM", "SOM", "180") in coded  # al-Shabaab is coded by its country (primary code)
    assert ("SOM", None, "015") in coded


def test_police_violence_against_people_is_repression_but_against_troops_a_fight(coder):
    assert dyads(coder, "Kenyan police opened fire on protesters in Nairobi on Tuesday.") == {
        ("KEN", "KEN", "175")}
    assert dyads(coder, "Tajik border guards and Kyrgyz troops clashed along the frontier.") == {
        ("TJK", "KGZ", "190"), ("KGZ", "TJK", "190")}


def test_coordinated_parties_holding_an_exercise_or_meeting_act_on_each_other(coder):
    assert dyads(coder, "South Korea and the United States kicked off their annual Ulchi "
                        "Freedom Shield exercise on Monday.") == {
        ("KOR", "USA", "062"), ("USA", "KOR", "062")}
    assert dyads(coder, "Azerbaijani President Ilham Aliyev and Armenian Prime Minister Nikol "
                        "Pashinyan met in Brussels on Sunday.") == {
        ("AZE", "ARM", "040"), ("ARM", "AZE", "040")}


def test_background_marker_only_affects_its_own_part_of_the_clause(coder):
    assert ("USA", "RUS", "163") in dyads(
        coder, "The United States imposed sanctions on Russia on Friday, the largest package "
               "since the invasion.")
    assert roots(coder, "The Chinese navy's presence has grown since 2012, when Beijing took "
                        "control of the shoal from Manila.") == set()


def test_verb_joined_by_and_shares_subject_and_modality(coder):
    assert ("FRA", "UKR", "0312") in {
        (primary(e.actor1), primary(e.actor2), e.event_code)
        for e in coder.code_text("France will train a Ukrainian brigade and supply Mirage jets "
                                 "to Ukraine, Macron said.")
        if e.action_end - e.action_start > 6}


def test_embedded_whether_question_and_noun_uses_are_not_events(coder):
    assert roots(coder, "Asked whether Washington would recognise Palestine as a state, the "
                        "spokesman declined to speculate.") == {"01"}
    # The attacks are a noun (no 19); what is left is Guterres's statement (01).
    assert roots(coder, "Guterres said the Hamas attacks were shocking.") == {"01"}
    assert roots(coder, "Bangladesh's prime minister resigned after weeks of deadly protests "
                        "against her government.") == {"08"}


def test_toll_of_an_attack_is_not_a_second_event(coder):
    assert roots(coder, "Syrian government forces used chlorine gas in an attack on Douma that "
                        "killed 43 people.") == {"20"}


def test_conflictual_act_with_a_condition_after_it_is_a_threat(coder):
    assert dyads(coder, "The United States would halt funding to the agency unless it reformed "
                        "its hiring, a senior official said.") == {("USA", None, "1311")}


def test_slot_reaches_past_quantities_and_a_possessive(coder):
    assert dyads(coder, "Sanctions were imposed on four Iranian airlines by Britain, France and "
                        "Germany on Monday.") == {
        ("GBR", "IRN", "163"), ("FRA", "IRN", "163"), ("DEU", "IRN", "163")}
    assert ("CHN", "BRA", "036") in dyads(
        coder, "Chinese President Xi Jinping invited Brazil's Lula to visit Beijing.")


def test_article_of_an_actor_does_not_make_a_modifier_a_noun(coder):
    assert ("USA", "PHL", "0312") in dyads(
        coder, "The United States and the Philippines agreed to conduct joint patrols.")


def test_speaker_judging_conduct_as_unacceptable_disapproves(coder):
    assert dyads(coder, "Germany's foreign minister said China's treatment of the Uyghurs was "
                        "unacceptable.") == {("DEU", "CHN", "111")}


def test_habits_and_designed_purposes_are_not_events(coder):
    assert roots(coder, "Whenever Turkey wants concessions, it threatens to buy weapons from "
                        "Russia.") == set()
    assert roots(coder, "The S-400 is a Russian system designed to detect, track and destroy "
                        "planes.") == set()
    assert roots(coder, "Wagner chief Yevgeny Prigozhin, whose fighters had seized the city of "
                        "Rostov, spoke on Saturday.") == set()


def test_named_parties_of_a_ceasefire_or_meeting_act_on_each_other(coder):
    assert dyads(coder, "A ceasefire between Israel and Hezbollah held on Thursday.") == {
        ("ISR", "HEZ", "0871"), ("HEZ", "ISR", "0871")}
    assert dyads(coder, "Erdogan and Putin, his Russian counterpart, said on Monday that they "
                        "had agreed to expedite deliveries of the missiles.") == {
        ("TUR", "RUS", "0311"), ("RUS", "TUR", "0311")}


def test_by_gerund_adjunct_takes_the_main_subject(coder):
    assert ("TUR", "RUS", "0312") in dyads(
        coder, "Turkey, a NATO member, has alarmed the military alliance by agreeing to buy the "
               "Russian system.")


def test_mass_killing_of_civilians_is_202(coder):
    assert dyads(coder, "Gunmen killed 15 worshippers during Sunday mass at a church in Burkina "
                        "Faso.") == {("BFA", "BFA", "202")}


def test_opening_phrase_act_belongs_to_the_main_subject(coder):
    assert ("USA", "CHN", "046") in dyads(
        coder, "After talks with Chinese Foreign Minister Wang Yi in Beijing, Blinken said the "
               "two sides would keep lines of communication open.")


def test_demonym_before_a_nominal_attack_is_its_agent(coder):
    assert ("ISR", None, "190") in dyads(
        coder, "Two Palestinians died in an Israeli raid on the Jenin refugee camp, the health "
               "ministry said.")


def test_ready_for_talks_is_intent_and_handing_over_suspects_is_judicial_cooperation(coder):
    assert dyads(coder, "Russia is ready for talks with Ukraine without preconditions, Kremlin "
                        "spokesman Dmitry Peskov said.") == {("RUS", "UKR", "036")}
    assert dyads(coder, "Mexico handed over 29 cartel suspects to U.S. authorities on "
                        "Thursday.") == {("MEX", "USA", "063")}


def test_bare_role_before_an_irregular_past_verb_is_the_subject(coder):
    assert ("CMR", "CMR", "180") in dyads(
        coder, "Suspected separatist militants shot dead two police officers in Cameroon, "
               "officials said.")


def test_content_of_a_charge_or_denial_is_not_a_second_event(coder):
    assert roots(coder, "Gaza's health ministry blamed an Israeli air strike for the "
                        "explosion.") == {"11"}
    assert roots(coder, "Japan denied a newspaper report that Tokyo had agreed to join the "
                        "pact.") == {"01"}


def test_should_is_advice_from_the_speaker_to_the_subject(coder):
    assert dyads(coder, "Germany should do more to help Ukraine, the Polish foreign minister "
                        "said in an interview.") == {("POL", "DEU", "020")}
    assert roots(coder, "Analysts said China should cut interest rates.") == set()


def test_passive_voice_finds_the_object_before_the_verb(coder):
    assert dyads(coder, "The sanctions were lifted by the European Union after the "
                        "elections.") == {("EEC", None, "085")}
    assert dyads(coder, "The deal was signed by the foreign ministers of Armenia and Azerbaijan "
                        "in Washington.") == {("ARM", "AZE", "057"), ("AZE", "ARM", "057")}


def test_role_only_actor_in_a_report_takes_the_speakers_country(coder):
    assert dyads(coder, "Israeli officials said the army had withdrawn its troops from Khan "
                        "Younis.") == {("ISR", None, "0874")}


def test_participle_before_a_noun_is_an_adjective(coder):
    assert roots(coder, "Nigerian troops rescued 20 kidnapped students in Kaduna state.") == set()


def test_negation_does_not_reach_past_a_subordinate_conjunction(coder):
    assert ("USA", "ISR", "062") in dyads(
        coder, "The United States did not inform Congress before approving the sale of tank "
               "ammunition to Israel.")


def test_police_opening_fire_on_crowds_is_repression(coder):
    assert dyads(coder, "Police opened fire on the crowds in Nairobi on Tuesday.") == {
        ("KEN", "KEN", "175")}


def test_killing_in_a_campaign_of_ethnic_cleansing_is_203(coder):
    assert ("SDN", "SDN", "203") in dyads(
        coder, "The Rapid Support Forces killed thousands of ethnic Masalit in El Geneina in a "
               "campaign of ethnic cleansing.")


def test_modifier_reaches_its_infinitive_across_a_place_and_time_adjunct(coder):
    assert ("USA", "JPN", "0314") in dyads(
        coder, "The leaders of the United States, Japan and South Korea agreed at Camp David "
               "on Friday to share real-time data on missile launches.")


def test_agreement_signed_by_a_firm_is_economic_cooperation(coder):
    # A state's deal with a firm is economic cooperation; a deal between two firms is commerce,
    # not an event (bench/events/ANNOTATION.md, "Political actors only").
    assert ("TUR", "USA", "061") in dyads(
        coder, "Turkey signed a deal with Lockheed Martin to co-produce components.")
    assert dyads(
        coder, "Lockheed Martin signed a deal with Aselsan to co-produce components in Turkey."
    ) == set()


def test_no_before_the_subject_negates_the_act(coder):
    assert roots(coder, "Taiwan's defence ministry said no Chinese aircraft crossed the median "
                        "line.") == set()


def test_fighting_fires_or_corruption_is_not_violence(coder):
    assert "19" not in roots(coder, "Brazil sent firefighting aircraft to help Bolivia battle "
                                    "forest fires.")


def test_killing_civilians_is_assault_and_a_bomb_is_a_bombing(coder):
    assert ("RUS", "UKR", "180") in dyads(
        coder, "Ukraine said Russian troops had killed civilians in Bucha.")
    assert ("UKR", "RUS", "183") in dyads(
        coder, "Ukraine's security service killed a Russian general with a scooter bomb in "
               "Moscow.")


def test_violence_whose_agent_is_a_thing_is_not_coded(coder):
    assert roots(coder, "Poland's President Andrzej Duda said a missile that killed two people "
                        "in a Polish village was probably launched by Ukraine's air "
                        "defence.") == set()


def test_domestic_act_without_a_named_target_has_both_ends_at_home(coder):
    assert dyads(coder, "Belarus released 18 political prisoners, including an opposition "
                        "activist.") == {("BLR", "BLR", "084")}
    home = next(e for e in coder.code_text("Belarus released 18 political prisoners.")
                ).actor2
    assert (home.code, home.name, home.in_raw_text) == ("BLR", "Belarus", False)


def test_weapons_delivered_without_a_sale_are_military_aid(coder):
    assert dyads(coder, "Germany delivered a further Patriot air defence system to "
                        "Ukraine.") == {("DEU", "UKR", "072")}
    assert ("RUS", "TUR", "062") in dyads(
        coder, "Russia delivered the S-400 to Turkey under the 2017 purchase agreement.")


def test_demand_that_clause_subject_is_the_target(coder):
    assert dyads(coder, "Ukraine's foreign ministry demanded that Hungary explain why it had "
                        "issued visas to Russian officials.") == {("UKR", "HUN", "100")}


def test_domestic_target_covers_groups_coded_by_their_country_and_force_displays(coder):
    assert dyads(coder, "Boko Haram fighters kidnapped 287 pupils from a school in "
                        "Kuriga.") == {("NGA", "NGA", "181")}
    assert dyads(coder, "North Korea fired two cruise missiles from a submarine off its east "
                        "coast on Sunday.") == {("PRK", "PRK", "150")}
