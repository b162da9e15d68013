"""Tone: sign and scale of document and sentence tone (real VADER lexicon)."""

from __future__ import annotations

import pytest
from helpers import REPO_SEEDS

from wirewatch.coding.tone import ToneScorer


@pytest.fixture(scope="module")
def scorer() -> ToneScorer:
    return ToneScorer()


def test_document_tone_is_the_gdelt_word_share(scorer):
    # 11 words, "welcomed" and "peace" positive, "attack" negative: 100 * (2 - 1) / 11.
    text = "Ankara welcomed the peace plan after the attack on Tuesday morning"
    assert scorer.document_tone(text) == pytest.approx(100 * (2 - 1) / 11)


def test_document_tone_sign_follows_the_words(scorer):
    assert scorer.document_tone("Leaders praised the agreement and welcomed the progress.") > 0
    assert scorer.document_tone("Militants killed twelve people in a brutal bombing.") < 0
    assert scorer.document_tone("The ministers met on Tuesday in Ankara.") == 0


def test_sentence_tone_is_on_the_minus_100_to_100_scale(scorer):
    positive = scorer.sentence_tone("Turkey warmly welcomed the excellent agreement.")
    negative = scorer.sentence_tone("Turkey bitterly condemned the horrific attack.")
    assert 0 < positive <= 100
    assert -100 <= negative < 0


def test_sentence_tone_applies_negation(scorer):
    assert (
        scorer.sentence_tone("Ankara did not welcome the plan.")
        < 0
        < scorer.sentence_tone("Ankara welcomed the plan.")
    )


def test_text_without_words_has_no_tone(scorer):
    assert scorer.document_tone("") is None
    assert scorer.document_tone("2019 -- 42") is None
    assert scorer.sentence_tone("...") is None
    assert scorer.document_tones(["", "Good."]) == [None, pytest.approx(100.0)]


def test_sentence_tone_without_lexicon_words_skips_vader_with_the_same_score(scorer):
    # No word of the first two is in VADER's lexicon: 0.0 without running VADER. The others
    # reach VADER through a lexicon word, punctuation around one, or an emoji description.
    sentences = [
        "Turkey met Russia in the capital on Tuesday.",
        "The ministers met in Ankara.",
        "Ankara did not welcome the plan.",
        '"Peace," he said.',
        "Turkey \N{HEAVY BLACK HEART} the deal",
        "NO!!! The TALKS failed.",
    ]
    seed_sentences = [
        line for path in sorted(REPO_SEEDS.rglob("*.txt"))
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
    ]
    for sentence in sentences + seed_sentences:
        expected = None if not any(c.isalpha() for c in sentence) else \
            100.0 * scorer._analyzer.polarity_scores(sentence)["compound"]
        assert repr(scorer.sentence_tone(sentence)) == repr(expected), sentence
    assert scorer.sentence_tone(sentences[0]) == 0.0
    assert scorer.sentence_tone(sentences[4]) != 0.0
