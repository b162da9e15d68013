"""Language identification: langdetect's model, scored deterministically on a bounded sample.

langdetect (1.0.9, pinned exactly) draws n-grams of the text at random and multiplies 55
languages' probabilities by each one's smoothed profile frequency until one language passes
0.99999, seven times over, and averages the seven. Its answer is in effect the naive-Bayes
winner over the text's n-grams. Here the same profiles (read from langdetect's own files), the
same n-gram rules (its character normalisation, word buffer and acronym rule, its cleaning of
Latin letters out of mostly non-Latin text) and the same smoothing (alpha 0.5 over 10,000)
give that winner without random draws: one sum of log-probabilities per window of text.

The work per document is bounded: at most `sample_chars` characters, in `windows` windows
spread evenly through the first 10,000 characters (all that langdetect reads) and cut at
spaces; a shorter text is cut into `windows` consecutive pieces. Each window votes with its
posterior over the languages, and `prob` is the mean of the votes, so a text half in one
language and half in another stays `und` as with langdetect's trials. Identical samples
(reprints share their body) are scored once: answers are kept by the sample's digest.
`bench/language.py` measures agreement with `langdetect.detect` and the time of both.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
from dataclasses import dataclass

import numpy as np
from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.utils.ngram import NGram

UNDETERMINED = "und"

_LETTER = re.compile(r"[^\W\d_]")
# langdetect's Detector: the characters it reads, its smoothing, n-gram sizes 1-3.
_MAX_TEXT_CHARS = 10_000
_SMOOTHING = Detector.ALPHA_DEFAULT / Detector.BASE_FREQ
# An n-gram's key packs its code points, 21 bits each: 1-, 2- and 3-grams cannot collide
# (a 2-gram's first and a 3-gram's first character are never NUL, which normalises to space).
_CODE_BITS = 21
_SPACE = ord(" ")
# Answers kept for repeated samples, per detector (a few MB at most).
_MAX_CACHED_ANSWERS = 50_000


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    lang: str
    prob: float


@dataclass(frozen=True, slots=True)
class LanguageProfiles:
    """langdetect's profiles as one matrix: a row of log(smoothing + frequency) per n-gram."""

    langs: tuple[str, ...]
    keys: np.ndarray  # uint64, sorted: the packed n-grams
    log_probs: np.ndarray  # float32, (n-grams, languages)

    @classmethod
    def load(cls, directory: str = PROFILES_DIRECTORY) -> LanguageProfiles:
        """Frequencies as langdetect's DetectorFactory.add_profile computes them (count over
        the number of n-grams of that size in the language's training text)."""
        langs: list[str] = []
        key_parts: list[np.ndarray] = []
        prob_parts: list[np.ndarray] = []
        for name in sorted(os.listdir(directory)):
            path = os.path.join(directory, name)
            if name.startswith(".") or not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8") as handle:
                profile = json.load(handle)
            n_words = profile["n_words"]
            grams = [gram for gram in profile["freq"] if 1 <= len(gram) <= 3]
            key_parts.append(np.array([_pack(gram) for gram in grams], dtype=np.uint64))
            prob_parts.append(np.array(
                [profile["freq"][gram] / n_words[len(gram) - 1] for gram in grams],
                dtype=np.float64,
            ))
            langs.append(profile["name"])
        keys, rows = np.unique(np.concatenate(key_parts), return_inverse=True)
        probs = np.zeros((len(keys), len(langs)), dtype=np.float64)
        columns = np.repeat(np.arange(len(langs)), [len(part) for part in key_parts])
        probs[rows, columns] = np.concatenate(prob_parts)
        log_probs = np.log(probs + _SMOOTHING).astype(np.float32)
        return cls(langs=tuple(langs), keys=keys, log_probs=log_probs)


def _pack(gram: str) -> int:
    key = 0
    for ch in gram:
        key = (key << _CODE_BITS) | ord(ch)
    return key


# NGram.normalize of each code point, and whether that is upper case (langdetect's acronym
# rule), filled in as characters are met: pure functions of the character.
_NORMALISED = np.zeros(0x110000, dtype=np.uint32)
_NORMALISED_UPPER = np.zeros(0x110000, dtype=np.bool_)
_SEEN = np.zeros(0x110000, dtype=np.bool_)


def _learn_characters(codes: np.ndarray) -> None:
    new = codes[~_SEEN[codes]]
    if new.size:
        for code in np.unique(new).tolist():
            normalised = NGram.normalize(chr(code))
            _NORMALISED[code] = ord(normalised)
            _NORMALISED_UPPER[code] = normalised.isupper()
            _SEEN[code] = True


def sample_windows(text: str, chars: int, windows: int) -> list[str]:
    """Up to `windows` non-empty pieces of at most about `chars` characters in all, spread
    evenly through the first 10,000 characters and cut at spaces (a pure function of
    the text). A text of at most `chars` characters is cut into consecutive pieces."""
    text = text[:_MAX_TEXT_CHARS]
    length = len(text)
    if length <= chars:
        bounds = [0]
        for index in range(1, windows):
            cut = text.find(" ", max(bounds[-1], length * index // windows))
            bounds.append(length if cut < 0 else cut)
        bounds.append(length)
        spans = list(itertools.pairwise(bounds))
    else:
        width = chars // windows
        step = (length - width) / (windows - 1) if windows > 1 else 0.0
        spans = []
        for index in range(windows):
            start = round(index * step)
            end = start + width
            if start > 0 and text[start - 1] != " ":
                cut = text.find(" ", start, end)
                start = start if cut < 0 else cut + 1
            if end < length and text[end] != " ":
                cut = text.rfind(" ", start, end)
                end = end if cut <= start else cut
            spans.append((start, end))
    pieces = [text[start:end].strip() for start, end in spans]
    return [piece for piece in pieces if piece]


def _langdetect_cleaning(text: str) -> str:
    """What langdetect's Detector.append removes before reading: URLs and e-mail addresses;
    and Vietnamese letters with combining marks made single characters."""
    if "http" in text:
        text = Detector.URL_RE.sub(" ", text)
    if "@" in text:
        text = Detector.MAIL_RE.sub(" ", text)
    return NGram.normalize_vi(text)


class LanguageDetector:
    """Loads the language profiles once (~1 s); `detect` then takes well under a ms."""

    def __init__(
        self,
        *,
        min_chars: int,
        min_prob: float,
        sample_chars: int,
        windows: int = 6,
        profiles: LanguageProfiles | None = None,
    ) -> None:
        self._profiles = profiles or LanguageProfiles.load()
        self._min_chars = min_chars
        self._min_prob = min_prob
        self._sample_chars = sample_chars
        self._windows = windows
        self._answers: dict[bytes, LanguageGuess] = {}
        # Samples scored, not answered from the cache (tests and benchmarks read it).
        self.scored = 0

    def detect(self, text: str) -> LanguageGuess:
        """Best language and its probability, or `und` with the probability it fell short by."""
        pieces = [_langdetect_cleaning(piece) for piece in
                  sample_windows(text, self._sample_chars, self._windows)]
        letters = 0
        for _ in _LETTER.finditer(" ".join(pieces)):
            letters += 1
            if letters >= self._min_chars:
                break
        if letters < self._min_chars or not pieces:
            return LanguageGuess(UNDETERMINED, 0.0)
        encoded = " ".join(pieces).encode("utf-32-le", "surrogatepass")
        digest = hashlib.blake2b(encoded, digest_size=16).digest()
        answer = self._answers.get(digest)
        if answer is None:
            answer = self._score(encoded, [len(piece) for piece in pieces])
            if len(self._answers) >= _MAX_CACHED_ANSWERS:
                del self._answers[next(iter(self._answers))]
            self._answers[digest] = answer
            self.scored += 1
        return answer

    def window_scores(self, encoded: bytes, lengths: list[int]) -> np.ndarray:
        """Per window with any known n-gram, the sum of log-probabilities of its n-grams
        for each language: (windows, languages), float64."""
        codes = np.frombuffer(encoded, dtype=np.uint32)
        # The window of each character; the joining spaces belong to the window before.
        window = np.repeat(np.arange(len(lengths)), np.array(lengths) + 1)[: len(codes)]
        latin = (codes >= ord("A")) & (codes <= ord("z"))
        # Detector.cleaning_text: mostly non-Latin text loses its Latin letters.
        non_latin = (codes >= 0x300) & ((codes < 0x1E00) | (codes > 0x1EFF))
        if 2 * np.count_nonzero(latin) < np.count_nonzero(non_latin):
            codes, window = codes[~latin], window[~latin]
        _learn_characters(codes)
        chars = np.concatenate(([_SPACE], _NORMALISED[codes])).astype(np.uint64)
        upper = np.concatenate(([False], _NORMALISED_UPPER[codes]))
        window = np.concatenate((window[:1], window))
        # NGram's buffer: a space after a space is skipped.
        space = chars == _SPACE
        kept = ~(space & np.concatenate(([False], space[:-1])))
        chars, upper, window = chars[kept], upper[kept], window[kept]
        current, previous = chars[1:], chars[:-1]
        before_previous = np.concatenate(([_SPACE], chars[:-2])).astype(np.uint64)
        # A capital after a capital (an acronym) yields no n-gram ending there.
        emits = ~(upper[1:] & upper[:-1])
        bits = np.uint64(_CODE_BITS)
        grams = np.stack((
            np.where(emits & (current != _SPACE), current, 0),
            np.where(emits, (previous << bits) | current, 0),
            np.where(
                emits & (previous != _SPACE),
                (before_previous << (bits + bits)) | (previous << bits) | current,
                0,
            ),
        ), axis=1).ravel()
        gram_window = np.repeat(window[1:], 3)
        profiles = self._profiles
        rows = np.searchsorted(profiles.keys, grams)
        np.minimum(rows, len(profiles.keys) - 1, out=rows)
        known = profiles.keys[rows] == grams
        rows, gram_window = rows[known], gram_window[known]
        if not rows.size:
            return np.zeros((0, len(profiles.langs)))
        # n-grams come in text order, so each window's are contiguous.
        starts = np.flatnonzero(np.diff(gram_window, prepend=-1))
        return np.add.reduceat(profiles.log_probs[rows], starts, axis=0, dtype=np.float64)

    def _score(self, encoded: bytes, lengths: list[int]) -> LanguageGuess:
        scores = self.window_scores(encoded, lengths)
        if not scores.size:  # no n-gram langdetect knows (digits, symbols)
            return LanguageGuess(UNDETERMINED, 0.0)
        scores -= scores.max(axis=1, keepdims=True)
        posteriors = np.exp(scores)
        posteriors /= posteriors.sum(axis=1, keepdims=True)
        votes = posteriors.mean(axis=0)
        best = int(np.argmax(votes))
        prob = round(float(votes[best]), 6)
        if prob < self._min_prob:
            return LanguageGuess(UNDETERMINED, prob)
        # langdetect names Chinese zh-cn / zh-tw; keep the base ISO 639-1 code.
        return LanguageGuess(self._profiles.langs[best].split("-")[0], prob)
