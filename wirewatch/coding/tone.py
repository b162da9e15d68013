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
import string
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
        self._lexicon_words = frozenset(lexicon)
        # VADER replaces these characters by their descriptions before scoring.
        self._emoji_chars = frozenset(e for e in self._analyzer.emojis if len(e) == 1)

    def document_tone(self, text: str) -> float | None:
        """GDELT-style tone: 100 x (positive words - negative words) / words."""
        words = _WORD.findall(text.lower().replace("’", "'"))
        if not words:
            return None
        positive = sum(map(self._positive.__contains__, words))
        negative = sum(map(self._negative.__contains__, words))
        return 100.0 * (positive - negative) / len(words)

    def document_tones(self, texts: Sequence[str]) -> list[float | None]:
        return [self.document_tone(text) for text in texts]

    def sentence_tone(self, sentence: str) -> float | None:
        """100 x VADER compound score of one sentence (negation and boosters applied).

        VADER gives a word a valence only when the word (as split on whitespace, with or
        without its surrounding punctuation, lower-cased) is in its lexicon; negations,
        boosters and "but" only scale those valences, and a sum of zero has compound 0. So a
        sentence with no lexicon word and no emoji scores exactly 0.0 without running VADER.
        """
        if not _WORD.search(sentence):
            return None
        if not self._may_carry_valence(sentence) and self._emoji_chars.isdisjoint(sentence):
            return 0.0
        return 100.0 * self._analyzer.polarity_scores(sentence)["compound"]

    def _may_carry_valence(self, sentence: str) -> bool:
        """Whether any whitespace-separated word of the sentence can be a VADER lexicon word."""
        words = sentence.lower().split()
        return not self._lexicon_words.isdisjoint(words) or not self._lexicon_words.isdisjoint(
            [word.strip(string.punctuation) for word in words]
        )
