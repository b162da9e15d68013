"""The language detector: langdetect's answers on a bounded sample, deterministic, `und` when
the text is too short, unknown or split between languages."""

from __future__ import annotations

import pytest
from helpers import REPO_SEEDS, SHARED_SEEDS
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from wirewatch.ingest.language import (
    UNDETERMINED,
    LanguageDetector,
    LanguageProfiles,
    sample_windows,
)

ENGLISH = (
    "The harbour authority said on Tuesday that the new container terminal would open in "
    "the spring, after two years of delays caused by a dispute over dredging contracts. "
    "Shipping companies have welcomed the plan, although local fishermen fear for their "
    "catch and have asked the regional council for compensation."
)
FRENCH = (
    "Le ministre de l'Agriculture a annoncé mardi une aide exceptionnelle pour les éleveurs "
    "touchés par la sécheresse de cet été. Les syndicats agricoles jugent cependant que la "
    "somme promise ne suffira pas à couvrir les pertes, et ils appellent à manifester devant "
    "la préfecture la semaine prochaine."
)


@pytest.fixture(scope="module")
def profiles() -> LanguageProfiles:
    return LanguageProfiles.load()


def make_detector(profiles: LanguageProfiles, **overrides: float) -> LanguageDetector:
    settings: dict = {"min_chars": 40, "min_prob": 0.8, "sample_chars": 1000, "windows": 6}
    settings.update(overrides)
    return LanguageDetector(profiles=profiles, **settings)


def test_profiles_hold_langdetects_languages_and_ngrams(profiles: LanguageProfiles) -> None:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    assert sorted(profiles.langs) == sorted(factory.langlist)
    assert len(profiles.keys) == len(factory.word_lang_prob_map)
    assert profiles.log_probs.shape == (len(profiles.keys), len(profiles.langs))


def test_same_text_gives_same_answer_in_fresh_detectors(profiles: LanguageProfiles) -> None:
    answers = {make_detector(profiles).detect(text) for text in [ENGLISH] * 3}
    assert len(answers) == 1
    (answer,) = answers
    assert answer.lang == "en" and answer.prob > 0.99


def test_repeated_body_is_scored_once(profiles: LanguageProfiles) -> None:
    detector = make_detector(profiles)
    first = [detector.detect(text) for text in (ENGLISH, FRENCH, ENGLISH, FRENCH, ENGLISH)]
    assert detector.scored == 2
    assert [guess.lang for guess in first] == ["en", "fr", "en", "fr", "en"]


@pytest.mark.parametrize("text", ["", "   ", "Short one.", "1234 5678 -- 9999 !!! ??? 42"])
def test_short_empty_or_letterless_text_is_undetermined(
    profiles: LanguageProfiles, text: str
) -> None:
    assert make_detector(profiles).detect(text).lang == UNDETERMINED


def test_letters_without_known_ngrams_are_undetermined_with_zero(
    profiles: LanguageProfiles,
) -> None:
    # Runic letters: letters to Python, no n-gram in any of langdetect's profiles.
    text = " ".join(["ᚠᚢᚦᚨᚱᚲ ᚷᚹᚺᚾᛁᛃ"] * 10)
    guess = make_detector(profiles).detect(text)
    assert (guess.lang, guess.prob) == (UNDETERMINED, 0.0)


def test_text_half_english_half_french_is_undetermined(profiles: LanguageProfiles) -> None:
    guess = make_detector(profiles).detect(f"{ENGLISH} {FRENCH}")
    assert guess.lang == UNDETERMINED
    assert 0.3 < guess.prob < 0.8


def test_long_text_is_read_in_bounded_windows_spread_through_it() -> None:
    words = [f"w{index:05d}" for index in range(3000)]
    text = " ".join(words)
    pieces = sample_windows(text, 600, 6)
    assert len(pieces) == 6
    assert sum(map(len, pieces)) <= 600
    # Whole words, from the start to langdetect's 10,000th character, where it stops reading.
    known = set(words)
    assert all(word in known for piece in pieces for word in piece.split()[:-1])
    assert pieces[0].startswith("w00000")
    assert pieces[-1].endswith(text[9_990:10_000])


def test_short_text_is_cut_into_consecutive_pieces_at_spaces() -> None:
    pieces = sample_windows(ENGLISH, 1000, 6)
    assert " ".join(pieces) == ENGLISH
    assert len(pieces) == 6


def test_detector_names_languages_of_the_seed_articles(profiles: LanguageProfiles) -> None:
    detector = make_detector(profiles)
    found = {detector.detect(p.read_text(encoding="utf-8", errors="replace")).lang
             for p in sorted((REPO_SEEDS / "foreign").rglob("*.txt"))}
    assert {"fr", "es", "de"} <= found
    for path in sorted(SHARED_SEEDS.rglob("*.txt")):
        assert detector.detect(path.read_text(encoding="utf-8")).lang == "en", path
