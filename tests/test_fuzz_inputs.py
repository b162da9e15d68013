"""Fuzz: a few thousand generated hostile files through ONE real `wirewatch run`.

Seeded, so a failure reproduces. The files mix random bytes, text in many encodings (with and
without byte-order marks, several encodings in one file), metadata headers with extreme or
malformed dates, rich and HTML markup, control characters, NUL bytes and a few lines of
megabytes. The run must end with exit 0, and the ledger must account for every file: stored
(ingested or duplicate, with its document) or quarantined with a reason row.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import rows, scalar
from typer.testing import CliRunner

from wirewatch.cli import app
from wirewatch.schemas import QUARANTINE_REASONS

SEED = 20261207
N_FILES = 2500

_WORD_TEXT = (
    "minister talks border ceasefire Kenya Ethiopia Turkey Ukraine Russia agreed said "
    "officials troops election protest Nairobi Ankara Kyiv Moscow sanctions trade "
    "the a of in on and to with after before yesterday tomorrow last week next year "
    "Monday Friday March December café Genève São Łódź naïve résumé Grüße 北京 Москва "
    "Αθήνα القاهرة 🎉 “quoted” — ‘single’ …"
)
WORDS = _WORD_TEXT.split()
DATES = (
    "0001-01-01",
    "9999-12-31",
    "0000-00-00",
    "2026-02-30",
    "99999-01-01",
    "Mon, 01 Jan 99999999999999999999 00:00:00 +0000",
    "Fri, 31 Dec 9999 23:59:59 -2359",
    "Sat, 01 Jan 0001 00:00:00 +2400",
    "-0001-01-01",
    "2026-03-02T25:61:61",
    "yesterday",
    "",
    "2026-03-02",
)
MARKUP = (
    "[/x]",
    "[bold]",
    "[/]",
    "[link=file:///etc/passwd]x[/link]",
    "<script>alert(1)</script>",
    "<b>",
    "&amp;&#0;&#xFFFF;",
    "{{ template }}",
    "%s%n%x",
    "\\x00",
)
ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "cp1252",
    "latin-1",
    "utf-16",
    "utf-16-le",
    "utf-32",
    "shift_jis",
    "koi8-r",
    "gb18030",
)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(3, 25))]
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words) + 1), rng.choice(MARKUP))
    return " ".join(words) + rng.choice((".", "!", "?", "", ":"))


def _article(rng: random.Random) -> str:
    header = ""
    if rng.random() < 0.6:
        header = f"Title: {_sentence(rng)}\nPublished: {rng.choice(DATES)}\n"
        if rng.random() < 0.3:
            header += f"Outlet: {rng.choice(MARKUP)}\nURL: {rng.choice(MARKUP)}\n"
        header += "\n"
    paragraphs = [
        " ".join(_sentence(rng) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(0, 8))
    ]
    return header + "\n\n".join(paragraphs) + rng.choice(("\n", "", "\r\n", "\u2028"))


def _encode(rng: random.Random, text: str) -> bytes:
    encoding = rng.choice(ENCODINGS)
    return text.encode(encoding, errors=rng.choice(("replace", "ignore")))


def _random_bytes(rng: random.Random) -> bytes:
    return rng.randbytes(rng.randint(0, 4000))


def _encoded_article(rng: random.Random) -> bytes:
    return _encode(rng, _article(rng))


def _mixed_encodings(rng: random.Random) -> bytes:
    return b"\n".join(_encode(rng, _sentence(rng)) for _ in range(rng.randint(2, 12)))


def _control_characters(rng: random.Random) -> bytes:
    text = list(_article(rng))
    for _ in range(rng.randint(1, 40)):
        text.insert(
            rng.randrange(len(text) + 1), chr(rng.choice([*range(1, 32), *range(127, 160)]))
        )
    return "".join(text).encode("utf-8")


def _nul_somewhere(rng: random.Random) -> bytes:
    data = _article(rng).encode("utf-8") * rng.randint(1, 40)
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"\x00" + data[at:]


def _spliced(rng: random.Random) -> bytes:
    """A good article with random bytes pasted into it."""
    data = _article(rng).encode("utf-8")
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.randint(1, 50)) + data[at:]


def _huge_line(rng: random.Random) -> bytes:
    prose = " ".join(_sentence(rng) for _ in range(200))
    n_bytes = rng.randint(1, 3) * 1024 * 1024
    return (prose * (n_bytes // len(prose) + 1))[:n_bytes].encode("utf-8", errors="ignore")


GENERATORS: tuple[tuple[Callable[[random.Random], bytes], float], ...] = (
    (_random_bytes, 0.15),
    (_encoded_article, 0.35),
    (_mixed_encodings, 0.15),
    (_control_characters, 0.12),
    (_nul_somewhere, 0.08),
    (_spliced, 0.15),
)
N_HUGE_LINES = 4


def _write_corpus(folder: Path) -> int:
    rng = random.Random(SEED)
    makers = [maker for maker, _ in GENERATORS]
    weights = [weight for _, weight in GENERATORS]
    for index in range(N_FILES):
        maker = rng.choices(makers, weights)[0]
        (folder / f"fuzz-{index:05d}.txt").write_bytes(maker(rng))
    for index in range(N_HUGE_LINES):
        (folder / f"huge-{index}.txt").write_bytes(_huge_line(rng))
    return N_FILES + N_HUGE_LINES


@pytest.mark.slow
def test_thousands_of_hostile_files_in_one_run_are_each_stored_or_quarantined(
    tmp_path, prefect_api_url
):
    folder = tmp_path / "fuzz"
    folder.mkdir()
    n_files = _write_corpus(folder)
    db = tmp_path / "w.duckdb"

    result = CliRunner().invoke(
        app, ["run", str(folder), "--db", str(db), "--settle-seconds", "0", "--quiet"]
    )

    assert result.exit_code == 0, result.output
    assert scalar(db, "select status from runs") == "completed"
    statuses = dict(rows(db, "select status, count(*) from files group by all"))
    assert sum(statuses.values()) == n_files, statuses
    assert set(statuses) <= {"ingested", "duplicate", "quarantined"}, statuses
    # Stored files point at a document; quarantined ones have a quarantine row with a reason.
    assert (
        scalar(
            db,
            "select count(*) from files f where f.status in ('ingested', 'duplicate') "
            "and not exists (select 1 from documents d where d.doc_id = f.doc_id)",
        )
        == 0
    )
    assert (
        scalar(
            db,
            "select count(*) from files f where f.status = 'quarantined' and not exists "
            "(select 1 from quarantine q where q.path = f.path and q.reason = f.error)",
        )
        == 0
    )
    reasons = {reason for (reason,) in rows(db, "select distinct reason from quarantine")}
    assert reasons <= set(QUARANTINE_REASONS)
    # Every stored document went through dedup and, if canonical and English, coding, with
    # no stage failure: the fuzz found no input that makes a stage raise.
    assert (
        rows(db, "select reason, detail from quarantine where stage in ('dedup', 'coding')") == []
    )
    assert scalar(db, "select count(*) from documents") > 0
    assert (
        scalar(
            db,
            "select count(*) from documents d where not exists "
            "(select 1 from document_signatures s where s.doc_id = d.doc_id)",
        )
        == 0
    )
