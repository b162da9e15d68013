"""The repository holds no sentence of the five shared seed articles (publishers' text): tracked
files may point into them (file name, offsets) but never copy them.

Texts are compared as lower-case word sequences, so a copy cannot hide behind curly quotes,
``\\u201c`` escapes, line wrapping or a Python string split over two lines."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from helpers import REPO_ROOT

MIN_SENTENCE_WORDS = 8
# A run this long of a seed article's words also counts as a copy: it catches a sentence cut
# short, or glued to words of our own. Shorter quotes (a name, a phrase) are not copies.
RUN_WORDS = 12
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def words(text: str) -> list[str]:
    """Lower-case words, `\\uXXXX` escapes decoded and apostrophes straightened."""
    decoded = _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)
    return [word.replace("’", "'") for word in _WORD.findall(decoded.lower())]


def seed_sentences(seeds_dir: Path) -> list[str]:
    """The seed articles' sentences of at least MIN_SENTENCE_WORDS words, as word sequences."""
    sentences = []
    for path in sorted(seeds_dir.glob("[0-9][0-9][0-9]_*.txt")):
        for piece in _SENTENCE_END.split(path.read_text(encoding="utf-8")):
            sentence = words(piece)
            if len(sentence) >= MIN_SENTENCE_WORDS:
                sentences.append(" ".join(sentence))
    return sentences


def word_runs(sequence: list[str], length: int = RUN_WORDS) -> set[str]:
    return {" ".join(sequence[i:i + length]) for i in range(len(sequence) - length + 1)}


def copies_of(sentences: list[str], texts: dict[str, str]) -> list[str]:
    """`file: beginning of the copied words` for each seed sentence or long run in texts."""
    runs = set().union(*(word_runs(sentence.split()) for sentence in sentences))
    found = []
    for name, text in texts.items():
        sequence = words(text)
        joined = f" {' '.join(sequence)} "
        found += [f"{name}: sentence {s[:60]!r}" for s in sentences if f" {s} " in joined]
        found += [f"{name}: run {run[:60]!r}" for run in sorted(word_runs(sequence) & runs)]
    return found


def tracked_texts() -> dict[str, str]:
    """Every text file git tracks in the repository, by path."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True,
                            check=False)
    if listed.returncode != 0:
        pytest.skip(f"not a git checkout, so no tracked files to check: {listed.stderr!r}")
    texts = {}
    for name in listed.stdout.decode().split("\0"):
        path = REPO_ROOT / name
        if name and path.is_file():
            data = path.read_bytes()
            if b"\0" not in data:
                texts[name] = data.decode("utf-8", errors="replace")
    return texts


def test_seed_articles_split_into_sentences(shared_seeds: Path) -> None:
    sentences = seed_sentences(shared_seeds)
    assert len(sentences) > 100  # five articles of some 15-40 sentences each
    assert all(len(sentence.split()) >= MIN_SENTENCE_WORDS for sentence in sentences)


def test_a_copied_seed_sentence_is_found_however_it_is_quoted(shared_seeds: Path) -> None:
    sentences = seed_sentences(shared_seeds)
    sentence, longest = sentences[0], max(sentences, key=len)
    half = len(longest.split()) // 2  # a Python string split over two lines:
    as_code = (f'"{" ".join(longest.split()[:half])} "\n    '
               f'"{" ".join(longest.split()[half:])}"')
    found = copies_of(sentences, {
        "a.md": f"Intro. {sentence.upper()}.", "b.py": as_code.replace("'", "\\u2019"),
        "c.txt": " ".join(longest.split()[1:RUN_WORDS + 1]), "d.txt": "Our own words only.",
    })
    assert any(line.startswith("a.md: sentence") for line in found)
    assert any(line.startswith("b.py: sentence") for line in found)
    assert any(line.startswith("c.txt: run") for line in found)
    assert not any(line.startswith("d.txt") for line in found)


def test_no_tracked_file_holds_a_seed_sentence(shared_seeds: Path) -> None:
    assert copies_of(seed_sentences(shared_seeds), tracked_texts()) == []
