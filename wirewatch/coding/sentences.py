"""Sentences and clauses of a document body, with character offsets.

Sentences end at ``.!?`` followed by a capital, quote or digit, and at line breaks;
abbreviations, initials and dotted acronyms stay inside a sentence. Also: the lead paragraph,
paragraph numbers, the wire dateline, and the clauses of a tokenised sentence (``;`` and
", but/while/and <actor>").
"""

from __future__ import annotations

import itertools
import re

from wirewatch.coding.actors import (
    MatchedActor,
    Tokens,
)
from wirewatch.coding.lexicon import word_list

_ABBREVIATIONS = word_list(
    """mr mrs ms dr gen col lt maj capt adm sgt cpl sen rep gov pres prof st jr sr rev hon
    jan feb mar apr jun jul aug sep sept oct nov dec no nos vs inc corp co ltd bros dept est
    approx fig mt ft""")
# Words that start a new sentence after a dotted acronym ("... in the U.S. The talks ...").
_SENTENCE_STARTERS = word_list(
    "the a an it he she they we i but in on at this that these those his her their its"
)
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n+")
DATELINE_RE = re.compile(
    r"\A\s*[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Za-z .]{2,30})?(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*(?:\([^)\n]{1,40}\))?\s*(?:--|—|–|-)\s+"
)
_CLAUSE_CONJUNCTIONS = frozenset({"but", "while", "whereas", "although", "though", "and"})


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans [start, end) in text: punctuation + capital, or a line break."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.end()
        if match.group()[0] != "\n" and not _is_boundary(text, match.start(), end):
            continue
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _is_boundary(text: str, punct_start: int, end: int) -> bool:
    following = text[end:end + 40].lstrip()
    if not following:
        return True
    first = following[0]
    if not (first.isupper() or first.isdigit() or first in "\"'“‘(["):
        return False
    if text[punct_start] != ".":
        return True
    word_start = punct_start
    while word_start > 0 and not text[word_start - 1].isspace() and \
            text[word_start - 1] not in "(\"“":
        word_start -= 1
    word = text[word_start:punct_start]
    if not word:
        return True
    if len(word) == 1 and word.isupper():
        return False  # an initial: "John F. Kennedy"
    if "." in word and all(len(p) <= 2 for p in word.split(".")):
        # U.S., U.N.: a boundary only when a typical sentence opener follows.
        next_word = following.split(maxsplit=1)[0].strip("\"'“‘").lower()
        return next_word in _SENTENCE_STARTERS
    return word.lower().rstrip(".") not in _ABBREVIATIONS


def lead_paragraph(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """Char range of the lead: the first paragraph that reads as prose."""
    position = 0
    for paragraph in re.split(r"(\n\s*)", text):
        stripped = paragraph.strip()
        if stripped and stripped[-1] in ".!?\"”’" and len(stripped.split()) >= 12:
            return position, position + len(paragraph)
        position += len(paragraph)
    return (spans[0][0], spans[0][1]) if spans else (0, 0)


def sentence_paragraphs(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Paragraph number of each sentence (paragraphs end at line breaks)."""
    ids = []
    paragraph = 0
    previous_end = 0
    for start, end in spans:
        if "\n" in text[previous_end:start]:
            paragraph += 1
        ids.append(paragraph)
        previous_end = end
    return ids


def split_clauses(tokens: Tokens, actors: list[MatchedActor]) -> list[tuple[int, int]]:
    """Token ranges of clauses: split on ';' and on ', but/while/and <actor>'."""
    keys = tokens.keys
    if "," not in keys and ";" not in keys:
        return [(0, len(keys))] if keys else []
    punctuation = [i for i, key in enumerate(keys) if key == ";" or key == ","]
    if not punctuation:
        return [(0, len(keys))] if keys else []
    actor_starts = {a.tok_start for a in actors}
    cuts = [0]
    for i in punctuation:
        key = keys[i]
        if key == ";":
            cuts.append(i + 1)
        elif key == "," and i + 2 < len(keys) and keys[i + 1] in _CLAUSE_CONJUNCTIONS:
            nxt = i + 2
            if nxt < len(keys) and keys[nxt] == "the":
                nxt += 1
            if nxt in actor_starts or i + 2 in actor_starts:
                cuts.append(i + 2)
    cuts.append(len(keys))
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]
