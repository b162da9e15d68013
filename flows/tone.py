"""Tone: how positive or negative a document and a coded sentence read, on GDELT's -100..+100.

Both scores use the VADER lexicon (vaderSentiment; Hutto & Gilbert, "VADER: A Parsimonious
Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM 2014), which ships with
the package, so scoring works offline.

- Document tone (`coded_documents.doc_tone`, averaged into `events.avg_tone`) follows GDELT's
  AvgTone: `100 * (n_positive - n_negative) / n_words`, where a word is positive or negative
  when its VADER valence is above or below zero. News prose lands mostly in -10..+10, as
  GDELT's does, so the numbers compare with GDELT's. A lexicon lookup per word keeps it cheap
  enough for every document.
- Sentence tone (`event_mentions.sentence_tone`) is `100 * compound`, VADER's normalised
  score of the sentence with its rules for negation ("did not condemn"), boosters ("strongly")
  and "but". A single sentence has too few words for a stable word share, and VADER's rules
  matter most there. Only coded sentences are scored.

Inputs are plain strings; a text with no words has no tone (None), never 0.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# Words as VADER's lexicon spells them: letters with inner apostrophes or hyphens.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


class ToneScorer:
    """Loads the VADER lexicon once; score documents in batches, sentences one at a time."""

    def __init__(self) -> None:
        self._analyzer = SentimentIntensityAnalyzer()
        lexicon = self._analyzer.lexicon
        self._positive = frozenset(word for word, valence in lexicon.items() if valence > 0)
        self._negative = frozenset(word for word, valence in lexicon.items() if valence < 0)

    def document_tone(self, text: str) -> float | None:
        """GDELT-style tone: 100 x (positive words - negative words) / words."""
        words = _WORD.findall(text.lower().replace("’", "'"))
        if not words:
            return None
        positive = sum(1 for word in words if word in self._positive)
        negative = sum(1 for word in words if word in self._negative)
        return 100.0 * (positive - negative) / len(words)

    def document_tones(self, texts: Sequence[str]) -> list[float | None]:
        return [self.document_tone(text) for text in texts]

    def sentence_tone(self, sentence: str) -> float | None:
        """100 x VADER compound score of one sentence (negation and boosters applied)."""
        if not _WORD.search(sentence):
            return None
        return 100.0 * self._analyzer.polarity_scores(sentence)["compound"]
