"""The language detector: langdetect's answers on a bounded sample, deterministic, `und` when
the text is too short, unknown or split between languages."""

from __future__ import annotations

import hashlib
import importlib.util
from collections import Counter
from types import ModuleType

import numpy as np
import pytest
from helpers import REPO_ROOT, REPO_SEEDS, SHARED_SEEDS
from langdetect import detect
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from wirewatch.config import NormaliseSettings
from wirewatch.ingest.language import (
    UNDETERMINED,
    LanguageDetector,
    LanguageProfiles,
    sample_windows,
)
from wirewatch.ingest.normalise import normalise_documents
from wirewatch.schemas import FileStat, RawFile

# Scripts and n-gram rules' edge cases: acronyms, capitals after a capital, Romanian
# comma-below letters, Vietnamese (composed and with combining marks), Arabic/Farsi yeh,
# kana, hangul, CJK and its ideographic space, a URL and an e-mail address, punctuation runs.
EDGE_TEXTS = [
    "NATO and the EU said the U.S.-led coalition's S-400 talks, in ANKARA, were OK.",
    "ȘTIRI din România: țara și-a întărit apărarea aeriană, a declarat ministrul.",
    "Bộ Ngoại giao Việt Nam cho biết hai bên đã ký thỏa thuận hợp tác quốc phòng.",
    "Bo\u0323\u0302 Ngoa\u0323i giao Vie\u0323\u0302t Nam cho bie\u0301t hai be\u0302n",
    "وزارت خارجه ایران اعلام کرد که مذاکرات با آژانس ادامه خواهد یافت",
    "防衛省は、地対空ミサイルシステムの配備について発表した。カタカナ テスト",
    "국방부는 새로운 방공 시스템을 도입할 계획이라고 밝혔다",
    "中华人民共和国外交部发言人表示，双方将继续保持沟通。\u3000新华社 NATO",
    "Министерство обороны России заявило, что комплексы С-400 поставлены. NATO USA",
    "See https://example.org/a?b=c or write to press.office@example.org for the report.",
    "AAA BBB ccc DdD eEe -- ... !!! ??? 123 456 «quoted» “curly” — dash",
]

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


@pytest.fixture(scope="module")
def bench_language() -> ModuleType:
    """bench/language.py, for the texts it composes from bench/language_sentences.json."""
    path = REPO_ROOT / "bench" / "language.py"
    spec = importlib.util.spec_from_file_location("bench_language", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def factory() -> DetectorFactory:
    loaded = DetectorFactory()
    loaded.load_profile(PROFILES_DIRECTORY)
    return loaded


def langdetect_scores(
    text: str, factory: DetectorFactory, profiles: LanguageProfiles
) -> np.ndarray:
    """The sum of log-probabilities of the n-grams langdetect's own code extracts."""
    detector = factory.create()
    detector.append(text)
    detector.cleaning_text()
    keys = np.array([_pack(gram) for gram in detector._extract_ngrams()], dtype=np.uint64)
    rows = np.searchsorted(profiles.keys, keys)
    assert (profiles.keys[rows] == keys).all()
    return profiles.log_probs[rows].astype(np.float64).sum(axis=0)


def _pack(gram: str) -> int:
    key = 0
    for ch in gram:
        key = (key << 21) | ord(ch)
    return key


def make_detector(profiles: LanguageProfiles, **overrides: float) -> LanguageDetector:
    settings: dict = {"min_chars": 40, "min_prob": 0.8, "sample_chars": 1000, "windows": 6}
    settings.update(overrides)
    return LanguageDetector(profiles=profiles, **settings)


def test_profiles_hold_langdetects_languages_and_ngrams(
    profiles: LanguageProfiles, factory: DetectorFactory
) -> None:
    assert sorted(profiles.langs) == sorted(factory.langlist)
    assert len(profiles.keys) == len(factory.word_lang_prob_map)
    assert profiles.log_probs.shape == (len(profiles.keys), len(profiles.langs))


def test_ngrams_and_scores_are_langdetects_own(
    profiles: LanguageProfiles, factory: DetectorFactory, bench_language: ModuleType
) -> None:
    """One window over the whole text sums exactly the n-grams langdetect's Detector
    extracts (its normalisation, buffer, acronym rule and cleaning), given a final space:
    langdetect reads no word end after the last word, the detector always does."""
    detector = make_detector(profiles, sample_chars=10_000, windows=1)
    texts = EDGE_TEXTS + [text for _, text in bench_language.evaluation_texts(2)]
    for text in texts:
        pieces = sample_windows(text, 10_000, 1)
        ours = detector._window_scores(pieces, " ".join(pieces))
        assert ours.shape[0] == 1, text
        expected = langdetect_scores(f"{text} ", factory, profiles)
        np.testing.assert_allclose(ours[0], expected, rtol=1e-5, err_msg=text)


def test_agrees_with_langdetect_on_texts_in_24_languages(
    profiles: LanguageProfiles, bench_language: ModuleType
) -> None:
    detector = make_detector(profiles, min_prob=0.0)
    texts = bench_language.evaluation_texts(10)
    texts += [("en", path.read_text(encoding="utf-8"))
              for path in sorted(SHARED_SEEDS.rglob("*.txt"))]
    texts += [(path.parent.name, path.read_text(encoding="utf-8"))
              for path in sorted((REPO_SEEDS / "foreign").rglob("*.txt"))]
    assert all(len(text) >= 200 for _, text in texts)
    DetectorFactory.seed = 0
    agree: Counter[str] = Counter()
    total: Counter[str] = Counter()
    named = 0
    for lang, text in texts:
        reference = detect(text).split("-")[0]
        total[lang] += 1
        agree[lang] += detector.detect(text).lang == reference
        named += reference == lang
    assert len(total) >= 24
    assert sum(agree.values()) >= 0.995 * sum(total.values()), agree
    # And langdetect names the written languages (the texts are what they claim to be).
    assert named >= 0.99 * len(texts)


def test_answers_do_not_depend_on_words_kept_from_earlier_texts(
    profiles: LanguageProfiles, bench_language: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [text for _, text in bench_language.evaluation_texts(3)] + EDGE_TEXTS
    forward = make_detector(profiles)
    answers = [forward.detect(text) for text in texts]
    backward = make_detector(profiles)
    assert [backward.detect(text) for text in reversed(texts)][::-1] == answers
    fresh = [make_detector(profiles).detect(text) for text in texts[:20]]
    assert fresh == answers[:20]
    # A word store smaller than the texts' words starts afresh often: same answers.
    monkeypatch.setattr(LanguageDetector, "_MAX_WORDS", 300)
    small = make_detector(profiles)
    assert [small.detect(text) for text in texts] == answers


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
    assert sample_windows(ENGLISH, 1000, 6) == [ENGLISH]  # 290 characters: one vote
    text = f"{ENGLISH} {FRENCH} {ENGLISH}"
    pieces = sample_windows(text, 1000, 6)
    assert " ".join(pieces) == text
    assert len(pieces) == 5  # 5 x 166 of 914 characters
    assert all(len(piece) >= 150 for piece in pieces)


def test_detector_names_languages_of_the_seed_articles(profiles: LanguageProfiles) -> None:
    detector = make_detector(profiles)
    found = {detector.detect(p.read_text(encoding="utf-8", errors="replace")).lang
             for p in sorted((REPO_SEEDS / "foreign").rglob("*.txt"))}
    assert {"fr", "es", "de"} <= found
    for path in sorted(SHARED_SEEDS.rglob("*.txt")):
        assert detector.detect(path.read_text(encoding="utf-8")).lang == "en", path


def test_normalise_stage_scores_a_reprinted_body_once(profiles: LanguageProfiles) -> None:
    """Reprints with their own headers and headlines but the same body: one scoring."""
    detector = make_detector(profiles)
    files = []
    for seq, outlet in enumerate(("Harbour Gazette", "Coastal Times", "Daily Wire")):
        content = (f"Title: New terminal delayed\nOutlet: {outlet}\n\n{ENGLISH}\n").encode()
        stat = FileStat(path=f"/in/{seq}.txt", size=len(content), mtime_ns=0, seq=seq)
        files.append(RawFile(stat=stat, content=content,
                             sha256=hashlib.sha256(content).hexdigest()))
    french = f"{FRENCH}\n".encode()
    files.append(RawFile(stat=FileStat(path="/in/fr.txt", size=len(french), mtime_ns=0, seq=3),
                         content=french, sha256=hashlib.sha256(french).hexdigest()))
    result = normalise_documents(files, cfg=NormaliseSettings(), detector=detector)
    assert [(doc.lang, doc.lang_prob) for doc in result.rows] == [("en", 1.0)] * 3 + [("fr", 1.0)]
    assert detector.scored == 2
