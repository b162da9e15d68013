"""Language identification with langdetect, made deterministic.

langdetect samples n-grams at random; a private factory with a fixed seed gives the same answer
for the same text in every run and process. Short or ambiguous text is `und` (undetermined)
rather than a confident guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

UNDETERMINED = "und"

_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    lang: str
    prob: float


class LanguageDetector:
    """Loads the language profiles once (~0.3 s); `detect` is then a few ms per document."""

    def __init__(
        self, *, seed: int, min_chars: int, min_prob: float, sample_chars: int, trials: int = 7
    ) -> None:
        self._factory = DetectorFactory()
        self._factory.load_profile(PROFILES_DIRECTORY)
        self._factory.set_seed(seed)
        self._min_chars = min_chars
        self._min_prob = min_prob
        self._sample_chars = sample_chars
        self._trials = trials

    def detect(self, text: str) -> LanguageGuess:
        """Best language and its probability, or `und` with the probability it fell short by."""
        sample = text[: self._sample_chars]
        if len(_LETTER.findall(sample)) < self._min_chars:
            return LanguageGuess(UNDETERMINED, 0.0)
        detector = self._factory.create()
        detector.n_trial = self._trials
        detector.append(sample)
        try:
            ranked = detector.get_probabilities()
        except LangDetectException:
            return LanguageGuess(UNDETERMINED, 0.0)
        if not ranked:
            return LanguageGuess(UNDETERMINED, 0.0)
        best = ranked[0]
        prob = round(float(best.prob), 6)
        if prob < self._min_prob:
            return LanguageGuess(UNDETERMINED, prob)
        # langdetect names Chinese zh-cn / zh-tw; keep the base ISO 639-1 code.
        return LanguageGuess(best.lang.split("-")[0], prob)
