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
spaces; a shorter text is cut into consecutive pieces as long as those. The language is the
most likely over all the windows' n-grams; `prob` is the mean of the windows' posteriors for
it, so a text half in one language and half in another stays `und` as with langdetect's
trials. Identical samples (reprints share their body) are scored once: answers are kept by
the sample's digest.
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



class _NormalisedChars(dict[int, str | None]):
    """A str.translate table: NGram.normalize of each character, computed when first met;
    with `drop_latin`, langdetect's cleaning of mostly non-Latin text (A-z dropped) too."""

    def __init__(self, *, drop_latin: bool) -> None:
        super().__init__()
        self._drop_latin = drop_latin

    def __missing__(self, code: int) -> str | None:
        value = None if self._drop_latin and 0x41 <= code <= 0x7A else NGram.normalize(chr(code))
        self[code] = value
        return value


_NORMALISED = _NormalisedChars(drop_latin=False)
_NORMALISED_WITHOUT_LATIN = _NormalisedChars(drop_latin=True)
# Whether each (normalised) character is upper case, for langdetect's acronym rule.
_UPPER = np.zeros(0x110000, dtype=np.bool_)
_UPPER_KNOWN = np.zeros(0x110000, dtype=np.bool_)
_COMBINING_MARK = re.compile("[\u0300-\u0323]")  # what NGram.normalize_vi rewrites


def _upper_flags(codes: np.ndarray) -> np.ndarray:
    new = codes[~_UPPER_KNOWN[codes]]
    if new.size:
        for code in np.unique(new).tolist():
            _UPPER[code] = chr(code).isupper()
            _UPPER_KNOWN[code] = True
    return _UPPER[codes]


def sample_windows(text: str, chars: int, windows: int) -> list[str]:
    """Up to `windows` non-empty pieces of at most about `chars` characters in all, spread
    evenly through the first 10,000 characters and cut at spaces (a pure function of
    the text). A text of at most `chars` characters is cut into consecutive pieces, no
    shorter than the windows of a long text (a few words do not make a vote)."""
    text = text[:_MAX_TEXT_CHARS]
    length = len(text)
    if length <= chars:
        windows = max(1, min(windows, length * windows // chars))
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


def _mostly_non_latin(text: str) -> bool:
    """langdetect's Detector.cleaning_text test: twice the A-z letters are fewer than the
    characters from U+0300 on, Latin Extended Additional (Vietnamese) aside."""
    if text.isascii():
        return False
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    latin = np.count_nonzero((codes - 0x41) <= 0x7A - 0x41)  # unsigned: below 0x41 wraps
    non_latin = np.count_nonzero(codes >= 0x300) - np.count_nonzero((codes - 0x1E00) <= 0xFF)
    return bool(2 * latin < non_latin)


class LanguageDetector:
    """Loads the language profiles once (~1 s); `detect` then takes a fraction of a ms.

    Scores are sums over words (langdetect's n-grams never cross a space), so each distinct
    normalised word is scored once and its 55 sums kept, up to `_MAX_WORDS` words (then the
    store starts afresh): a sum depends on the word alone, so answers do not depend on what
    was detected before."""

    _MAX_WORDS = 50_000

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
        langs = len(self._profiles.langs)
        self._word_rows: dict[str, int] = {}
        self._word_scores = np.zeros((self._MAX_WORDS, langs), dtype=np.float32)
        self._word_ngrams = np.zeros(self._MAX_WORDS, dtype=np.int32)
        # Samples scored, not answered from the cache (tests and benchmarks read it).
        self.scored = 0

    def detect(self, text: str) -> LanguageGuess:
        """Best language and its probability, or `und` with the probability it fell short by."""
        pieces = sample_windows(text, self._sample_chars, self._windows)
        joined = " ".join(pieces)
        letters = 0
        for _ in _LETTER.finditer(joined):
            letters += 1
            if letters >= self._min_chars:
                break
        if letters < self._min_chars or not pieces:
            return LanguageGuess(UNDETERMINED, 0.0)
        digest = hashlib.blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        answer = self._answers.get(digest)
        if answer is None:
            answer = self._score(pieces, joined)
            if len(self._answers) >= _MAX_CACHED_ANSWERS:
                del self._answers[next(iter(self._answers))]
            self._answers[digest] = answer
            self.scored += 1
        return answer

    def forget(self) -> None:
        """Drop the answers and word sums kept so far (benchmarks time unseen text so)."""
        self._answers.clear()
        self._word_rows.clear()

    def _window_scores(self, pieces: list[str], joined: str) -> np.ndarray:
        """Per window with any n-gram langdetect knows, the sum of its n-grams'
        log-probabilities for each language: (windows, languages), float64."""
        # What langdetect's Detector.append removes first: URLs, e-mail addresses; and it
        # makes Vietnamese letters with combining marks single characters.
        if "http" in joined:
            pieces = [Detector.URL_RE.sub(" ", piece) for piece in pieces]
        if "@" in joined:
            pieces = [Detector.MAIL_RE.sub(" ", piece) for piece in pieces]
        if _COMBINING_MARK.search(joined):
            pieces = [NGram.normalize_vi(piece) for piece in pieces]
        mostly_non_latin = _mostly_non_latin(" ".join(pieces))
        table = _NORMALISED_WITHOUT_LATIN if mostly_non_latin else _NORMALISED
        rows = self._word_rows
        words: list[str] = []
        window_sizes: list[int] = []
        for piece in pieces:
            piece_words = [word for word in piece.translate(table).split(" ") if word]
            words += piece_words
            window_sizes.append(len(piece_words))
        missing = {word for word in words if word not in rows}
        if len(rows) + len(missing) > self._MAX_WORDS:
            rows.clear()
            missing = set(words)
        if missing:
            self._add_words(sorted(missing))
        taken = np.fromiter((rows[word] for word in words), dtype=np.intp, count=len(words))
        starts = np.cumsum([0, *window_sizes[:-1]])[np.array(window_sizes) > 0]
        if not taken.size:
            return np.zeros((0, len(self._profiles.langs)))
        sums = np.add.reduceat(self._word_scores[taken], starts, axis=0, dtype=np.float64)
        counts = np.add.reduceat(self._word_ngrams[taken], starts)
        return sums[counts > 0]

    def _add_words(self, words: list[str]) -> None:
        first = len(self._word_rows)
        scores, ngrams = _score_words(words, self._profiles)
        self._word_scores[first : first + len(words)] = scores
        self._word_ngrams[first : first + len(words)] = ngrams
        self._word_rows.update(zip(words, range(first, first + len(words)), strict=True))

    def _score(self, pieces: list[str], joined: str) -> LanguageGuess:
        scores = self._window_scores(pieces, joined)
        if not scores.size:  # no n-gram langdetect knows (digits, symbols, other scripts)
            return LanguageGuess(UNDETERMINED, 0.0)
        # The language: the most likely over all the windows' n-grams together (langdetect's
        # trials draw from the whole text, so the language with most evidence wins most).
        best = int(np.argmax(scores.sum(axis=0)))
        scores -= scores.max(axis=1, keepdims=True)
        posteriors = np.exp(scores)
        posteriors /= posteriors.sum(axis=1, keepdims=True)
        prob = round(float(posteriors[:, best].mean()), 6)
        if prob < self._min_prob:
            return LanguageGuess(UNDETERMINED, prob)
        # langdetect names Chinese zh-cn / zh-tw; keep the base ISO 639-1 code.
        return LanguageGuess(self._profiles.langs[best].split("-")[0], prob)


def _score_words(words: list[str], profiles: LanguageProfiles) -> tuple[np.ndarray, np.ndarray]:
    """For normalised words (no spaces), the sum of log-probabilities of the known n-grams
    langdetect reads in each (those of " word ", but none ending at a capital that follows
    a capital: its acronym rule), and how many there are: (words, languages), (words,)."""
    text = f" {' '.join(words)} "
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    upper = _upper_flags(codes)
    chars = codes.astype(np.uint64)
    space = chars == _SPACE
    # N-grams end at characters 1..n-1; each belongs to the word of the character before.
    word_of = np.cumsum(space)[:-1] - 1
    current, previous = chars[1:], chars[:-1]
    before_previous = np.concatenate(([_SPACE], chars[:-2])).astype(np.uint64)
    emits = ~(upper[1:] & upper[:-1])
    bits = np.uint64(_CODE_BITS)
    grams = np.stack((
        np.where(emits & ~space[1:], current, 0),
        np.where(emits, (previous << bits) | current, 0),
        np.where(
            emits & ~space[:-1],
            (before_previous << (bits + bits)) | (previous << bits) | current,
            0,
        ),
    ), axis=1).ravel()
    gram_word = np.repeat(word_of, 3)
    rows = np.searchsorted(profiles.keys, grams)
    np.minimum(rows, len(profiles.keys) - 1, out=rows)
    known = profiles.keys[rows] == grams
    rows, gram_word = rows[known], gram_word[known]
    scores = np.zeros((len(words), len(profiles.langs)), dtype=np.float32)
    if rows.size:
        # n-grams come in text order: each word's are contiguous, summed in that order.
        starts = np.flatnonzero(np.diff(gram_word, prepend=-1))
        scores[gram_word[starts]] = np.add.reduceat(
            np.take(profiles.log_probs, rows, axis=0), starts, axis=0
        )
    return scores, np.bincount(gram_word, minlength=len(words))
