"""Annotated items that point into the shared seed articles instead of holding their text.

The five seed articles (``../shared/seeds``) are the publishers' text, so the repository keeps
only references to them. An item taken from a seed stores, in place of ``text``::

    "seed_ref": {"file": "000_2d3a86c4d2cb8e3e.txt", "start": 29, "end": 220,
                 "sha256": "<first 16 hex digits of the resolved text's SHA-256>"}

and each of its events stores ``"evidence_ref": {"start": a, "end": b}`` in place of
``evidence``. Offsets are characters (Unicode code points, Python ``str`` indices), not bytes:
``start``/``end`` index the seed file decoded as UTF-8 with its newlines as stored, and an
evidence's offsets index the item's resolved text. The digest catches a seed folder that holds
a different version of an article. An item whose text was edited from the seed (cut short,
punctuation changed) also stores the edit: ``"replace": [[old, new], ...]`` applied to the span,
then ``"append": "..."``.

``load_items`` resolves a file's items when the seed folder is there, and leaves the seed items
out (counted in ``skipped``) when it is not: scorers print a note and score the rest. The
folder is the one setting ``WIREWATCH_SHARED_SEEDS`` (default ``../shared/seeds`` beside the
repository), read by ``shared_seeds_dir`` here and nowhere else.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SEEDS_SETTING = "WIREWATCH_SHARED_SEEDS"
DIGEST_CHARS = 16


class SeedRefError(ValueError):
    """A seed reference that does not resolve: unknown file, bad offsets or changed text."""


def shared_seeds_dir() -> Path:
    """The folder of the five shared seed articles: $WIREWATCH_SHARED_SEEDS or ../shared/seeds."""
    configured = os.environ.get(SEEDS_SETTING, "").strip()
    return Path(configured) if configured else ROOT.parent / "shared" / "seeds"


def missing_seeds_note(seeds_dir: Path) -> str:
    """Why seed items are left out, naming the setting and the folder it points at."""
    return (f"the shared seed articles are not at {seeds_dir} (set {SEEDS_SETTING} to their "
            f"folder; default ../shared/seeds beside the repository)")


def read_seed_texts(seeds_dir: Path) -> dict[str, str] | None:
    """Each seed article's text by file name (UTF-8, newlines as stored); None if no folder."""
    if not seeds_dir.is_dir():
        return None
    texts = {}
    for path in sorted(seeds_dir.glob("[0-9][0-9][0-9]_*.txt")):
        with path.open(encoding="utf-8", newline="") as handle:
            texts[path.name] = handle.read()
    return texts


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def _span(record: Mapping[str, Any], length: int, what: str) -> tuple[int, int]:
    start, end = record.get("start"), record.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length):
        raise SeedRefError(f"{what} start={start!r} end={end!r} is not a span of 0..{length}")
    return start, end


def resolve_item(item: Mapping[str, Any], seed_texts: Mapping[str, str]) -> dict[str, Any]:
    """The item as if it held its text: `text` and every event's `evidence` read from the seed.

    An item without `seed_ref` is returned unchanged (as a copy).
    """
    ref = item.get("seed_ref")
    if ref is None:
        return dict(item)
    if not isinstance(ref, dict):
        raise SeedRefError("seed_ref is not a JSON object")
    name = ref.get("file")
    if name not in seed_texts:
        raise SeedRefError(f"seed_ref file {name!r} is not in the seed folder")
    seed_text = seed_texts[name]
    start, end = _span(ref, len(seed_text), "seed_ref")
    text = seed_text[start:end]
    for old, new in ref.get("replace", []):
        text = text.replace(old, new)
    text += ref.get("append", "")
    if ref.get("sha256") != text_digest(text):
        raise SeedRefError(f"seed_ref text differs from the annotated one ({name} changed?)")
    # Fields keep their order, each reference replaced in place by what it points at.
    resolved = {("text" if key == "seed_ref" else key): (text if key == "seed_ref" else value)
                for key, value in item.items()}
    if not isinstance(item.get("events"), list):
        return resolved  # the validator reports it
    events = []
    for event in item["events"]:
        if isinstance(event, dict) and isinstance(event.get("evidence_ref"), dict):
            evidence_start, evidence_end = _span(event["evidence_ref"], len(text), "evidence_ref")
            event = {
                ("evidence" if key == "evidence_ref" else key):
                    (text[evidence_start:evidence_end] if key == "evidence_ref" else value)
                for key, value in event.items()
            }
        events.append(event)
    resolved["events"] = events
    return resolved


def reference_item(item: Mapping[str, Any], seed_texts: Mapping[str, str]) -> dict[str, Any]:
    """The stored form of a seed item annotated with its `text` and `evidence`: the inverse of
    resolve_item, for a text that occurs exactly once, unedited, in its article (`seed:NNN`)."""
    names = [name for name in seed_texts if name.startswith(f"{item['source'].split(':')[1]}_")]
    if len(names) != 1:
        raise SeedRefError(f"source={item['source']!r} names no single seed article")
    text, seed_text = item["text"], seed_texts[names[0]]
    if seed_text.count(text) != 1:
        raise SeedRefError(f"the text occurs {seed_text.count(text)} times in {names[0]}")
    start = seed_text.index(text)
    ref = {"file": names[0], "start": start, "end": start + len(text), "sha256": text_digest(text)}
    stored: dict[str, Any] = {}
    for key, value in item.items():
        if key == "text":
            stored["seed_ref"] = ref
        elif key == "events":
            stored["events"] = [
                {("evidence_ref" if k == "evidence" else k):
                    ({"start": text.index(v), "end": text.index(v) + len(v)}
                     if k == "evidence" else v)
                 for k, v in event.items()}
                for event in value
            ]
        else:
            stored[key] = value
    return stored


@dataclass
class LoadedItems:
    """A file's items with seed texts resolved, and the seed items left out for lack of seeds."""

    items: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    seeds_dir: Path = field(default_factory=shared_seeds_dir)

    def note(self) -> str | None:
        """One line for a scorer to print when seed items were left out, else None."""
        if not self.skipped:
            return None
        return (f"note: {len(self.skipped)} seed item(s) skipped: "
                f"{missing_seeds_note(self.seeds_dir)}")


def resolve_lines(lines: Iterable[str], seeds_dir: Path | None = None) -> LoadedItems:
    """Parse JSON lines and resolve their seed references (see the module docstring)."""
    folder = shared_seeds_dir() if seeds_dir is None else seeds_dir
    seed_texts = read_seed_texts(folder)
    loaded = LoadedItems(seeds_dir=folder)
    for line in lines:
        if not line.strip():
            continue
        item = json.loads(line)
        if "seed_ref" in item and seed_texts is None:
            loaded.skipped.append(item)
        else:
            loaded.items.append(resolve_item(item, seed_texts or {}))
    return loaded


def load_items(path: Path, seeds_dir: Path | None = None) -> LoadedItems:
    """The items of an annotated JSON-lines file (gold.jsonl, dev*.jsonl), seed texts resolved."""
    with path.open(encoding="utf-8") as handle:
        return resolve_lines(handle.read().splitlines(), seeds_dir)
