"""The detector's fast n-gram extraction and probability update give langdetect's own answers."""

from __future__ import annotations

import pytest
from helpers import BENCH_EVENTS, REPO_SEEDS, SHARED_SEEDS
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from seed_refs import load_items

from wirewatch.ingest.language import LanguageDetector, _use_fast_steps, extract_ngrams

# Scripts and the buffer rules' edge cases: acronyms, capitals after a capital, Romanian
# comma-below letters, Vietnamese, Arabic/Farsi yeh, kana, hangul, CJK, punctuation runs.
EDGE_TEXTS = [
    "NATO and the EU said the U.S.-led coalition's S-400 talks, in ANKARA, were OK.",
    "ȘTIRI din România: țara și-a întărit apărarea aeriană, a declarat ministrul.",
    "Bộ Ngoại giao Việt Nam cho biết hai bên đã ký thỏa thuận hợp tác quốc phòng.",
    "وزارت خارجه ایران اعلام کرد که مذاکرات با آژانس ادامه خواهد یافت",
    "وقالت وزارة الخارجية إن المحادثات ستستأنف الأسبوع المقبل في القاهرة",
    "防衛省は、地対空ミサイルシステムの配備について発表した。カタカナ テスト",
    "국방부는 새로운 방공 시스템을 도입할 계획이라고 밝혔다",
    "中华人民共和国外交部发言人表示，双方将继续保持沟通。",
    "Министерство обороны России заявило, что комплексы С-400 поставлены.",
    "Το υπουργείο Εξωτερικών της Ελλάδας εξέφρασε ανησυχία για τις εξελίξεις.",
    "AAA BBB ccc DdD eEe -- ... !!! ??? 123 456 «quoted» “curly” — dash",
    "",
    "   ",
]


def _texts() -> list[str]:
    texts = list(EDGE_TEXTS)
    for folder in (REPO_SEEDS, SHARED_SEEDS):
        texts += [p.read_text(encoding="utf-8", errors="replace")
                  for p in sorted(folder.rglob("*.txt"))]
    # The shared seeds and the gold's seed items add texts where the seeds are; the written
    # gold items and the bundled samples are enough for the comparison without them.
    texts += [item["text"] for item in load_items(BENCH_EVENTS / "gold.jsonl").items]
    return texts


@pytest.fixture(scope="module")
def factory() -> DetectorFactory:
    loaded = DetectorFactory()
    loaded.load_profile(PROFILES_DIRECTORY)
    loaded.set_seed(0)
    return loaded


def test_fast_ngram_extraction_equals_langdetects_own(factory: DetectorFactory) -> None:
    texts = _texts()
    assert len(texts) > 350  # the 336 written gold items at least, with or without the seeds
    for text in texts:
        reference = factory.create()
        reference.append(text)
        reference.cleaning_text()
        expected = reference._extract_ngrams()
        assert extract_ngrams(reference.text, reference.word_lang_prob_map) == expected, text


def test_fast_detector_gives_langdetects_exact_probabilities(factory: DetectorFactory) -> None:
    compared = 0
    for text in _texts():
        for sample_chars in (600, 120):
            sample = text[:sample_chars]
            results = []
            for fast in (False, True):
                detector = factory.create()
                detector.n_trial = 3
                if fast:
                    _use_fast_steps(detector)
                detector.append(sample)
                try:
                    results.append([(p.lang, p.prob) for p in detector.get_probabilities()])
                except Exception as exc:  # langdetect raises for text with no features
                    results.append([("error", type(exc).__name__)])
            assert results[0] == results[1], sample
            compared += 1
    assert compared > 700  # two samples of each text above


def test_detector_names_languages_of_the_sample_articles() -> None:
    detector = LanguageDetector(seed=0, min_chars=40, min_prob=0.8, sample_chars=600, trials=3)
    found = {detector.detect(p.read_text(encoding="utf-8", errors="replace")).lang
             for p in sorted((REPO_SEEDS / "foreign").rglob("*.txt"))}
    assert {"fr", "es", "de"} <= found
