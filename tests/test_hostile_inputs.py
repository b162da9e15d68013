"""Issue 13: no document can stop the pipeline. Each hostile input on its own, then a folder
mixing them with good files through the real `wirewatch run` (typer's runner, in-process).

Where no real input is known to make a stage raise any more (the bugs found are fixed), the
stage's failure is injected with monkeypatch on one marked document, and the test checks that
the rest of the pipeline treats it as the issue asks: a quarantine row with its stage, the
run goes on, the document is not retried every run."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pytest
from helpers import rows, scalar
from typer.testing import CliRunner

from wirewatch.cli import app
from wirewatch.coding import mentions as coding
from wirewatch.coding.dates import resolve_event_date
from wirewatch.coding.events import EventCoder
from wirewatch.coding.places import Gazetteer
from wirewatch.coding.tone import ToneScorer
from wirewatch.dedup import reprints as dedup
from wirewatch.errors import TerminalError
from wirewatch.ingest import normalise
from wirewatch.ingest.decoding import decode_bytes
from wirewatch.schemas import BINARY, CODING_DOCUMENTS

runner = CliRunner()

EXTREME_DATES = (date(1, 1, 1), date(9999, 12, 31))
RELATIVE_PHRASES = ("yesterday", "last week", "tomorrow", "next year")

GOOD_ARTICLES = {
    "good-port.txt": (
        "Title: Port talks resume\nPublished: 2026-03-02\n\n"
        "MOMBASA, March 2 - Kenya and Tanzania resumed talks on Monday over a shared port "
        "on the coast, officials in both capitals said.\n\n"
        "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in "
        "Mombasa to sign a customs agreement, a statement said.\n"
    ),
    "good-grain.txt": (
        "Title: Grain corridor extended\nPublished: 2026-04-11\n\n"
        "Turkey said on Friday that Ukraine and Russia had agreed to extend the grain "
        "corridor across the Black Sea for another four months.\n\n"
        "The United Nations welcomed the decision and urged both sides to keep ships moving.\n"
    ),
    "good-floods.txt": (
        "Title: Floods close schools\nPublished: 2026-05-20\n\n"
        "DHAKA, May 20 - Bangladesh closed hundreds of schools after days of heavy rain "
        "flooded the north of the country, the education ministry said on Wednesday.\n\n"
        "India sent rescue boats and medical teams to help the relief effort, officials said.\n"
    ),
}


def _poison_text(published: str, phrase: str) -> str:
    return (
        f"Title: Summit {phrase}\nPublished: {published}\n\n"
        f"Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed {phrase} in "
        f"Addis Ababa to discuss the dam on the Nile, officials said ({published}, {phrase}).\n"
    )


# --- 1. poison dates --------------------------------------------------------------------------
@pytest.mark.parametrize("published", EXTREME_DATES, ids=str)
@pytest.mark.parametrize("phrase", RELATIVE_PHRASES)
def test_relative_date_against_an_extreme_published_date_resolves_without_raising(
    published, phrase
):
    sentence = f"Kenya's president met Ethiopia's prime minister {phrase} in Addis Ababa."
    event_date, precision = resolve_event_date(sentence, published=published)
    # No usable anchor: the relative expression cannot be resolved, and nothing overflows.
    assert (event_date, precision) == (None, "unknown")
    # A dateline day moves the anchor; the extreme year still gives no anchor.
    assert resolve_event_date(sentence, published=published, dateline_month=1, dateline_day=1)[
        1
    ] == ("unknown")


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_extreme_published_header_is_dropped_by_normalise(published):
    parts = normalise.normalise_text(_poison_text(published, "yesterday"))
    assert parts.published_date is None
    assert parts.body


def test_published_header_with_an_overlong_year_is_dropped_not_raised():
    # parsedate_to_datetime raises OverflowError on this year; it used to escape normalise.
    text = _poison_text("Mon, 01 Jan 99999999999999999999 00:00:00 +0000", "yesterday")
    assert normalise.normalise_text(text).published_date is None


@pytest.fixture(scope="module")
def coding_tools() -> tuple[EventCoder, Gazetteer, ToneScorer]:
    return EventCoder.load(), Gazetteer.load(), ToneScorer()


@pytest.mark.parametrize("published", EXTREME_DATES, ids=str)
def test_documents_stored_with_an_extreme_date_by_older_code_are_coded(published, coding_tools):
    """Leftover documents (stored before the date check) go through the real coder."""
    coder, gazetteer, tone = coding_tools
    docs = pa.Table.from_pylist(
        [
            {
                "doc_id": f"d{index}",
                "body": _poison_text(str(published), phrase).split("\n\n", 1)[1],
                "published_date": published,
                "dateline_month": None,
                "dateline_day": None,
                "dateline_place": None,
            }
            for index, phrase in enumerate(RELATIVE_PHRASES)
        ],
        schema=CODING_DOCUMENTS,
    )
    result = coding.code_documents(
        docs,
        coder=coder,
        gazetteer=gazetteer,
        tone=tone,
        run_id="r",
        coded_at=datetime.now(UTC),
    )
    assert result.coded_documents.column("coding_error").to_pylist() == [None] * 4
    assert result.mentions.num_rows >= 4  # every sentence is a meeting: coded, dated unknown
    assert set(result.mentions.column("event_date_precision").to_pylist()) == {"unknown"}


# --- 3. decoding ------------------------------------------------------------------------------
def test_file_mixing_utf8_and_cp1252_lines_decodes_each_line_and_says_mixed():
    utf8_part = "Les ministres réunis à Genève ont salué l’accord.\n"
    cp1252_part = "He said “no” — the café’s owner, José, refused.\n"
    data = utf8_part.encode("utf-8") + cp1252_part.encode("cp1252")
    text, encoding = decode_bytes(data)
    assert encoding == "mixed"
    assert text == utf8_part + cp1252_part


def _long_text(n_bytes: int) -> bytes:
    line = b"Kenya and Ethiopia agreed to share the river's water, officials said.\n"
    return line * (n_bytes // len(line) + 1)


@pytest.mark.parametrize("offset", [100, 65536 + 100, 200_000], ids=["early", "after-64k", "late"])
def test_a_nul_byte_anywhere_in_the_file_quarantines_it_as_binary(offset):
    data = _long_text(300_000)
    data = data[:offset] + b"\x00" + data[offset:]
    with pytest.raises(TerminalError) as excinfo:
        decode_bytes(data)
    assert excinfo.value.reason == BINARY
    assert str(offset) in excinfo.value.detail


# --- 4. long documents ------------------------------------------------------------------------
def test_coded_text_of_a_long_body_is_cut_at_a_sentence_end_under_the_cap():
    sentence = "Kenya and Ethiopia agreed to share the river's water. "
    body = sentence * (coding.MAX_CODED_CHARS // len(sentence) + 50)
    text = coding.coded_text(body)
    assert len(text) <= coding.MAX_CODED_CHARS
    assert body.startswith(text) and text.endswith("water.")
    one_line_no_stop = "word " * (coding.MAX_CODED_CHARS // 5 + 10)
    assert len(coding.coded_text(one_line_no_stop)) <= coding.MAX_CODED_CHARS
    assert coding.coded_text(sentence) == sentence


# --- 2 and 5: one real run over a folder mixing everything --------------------------------
NORMALISE_MARKER = "zzqnormalisebugzzq"
DEDUP_MARKER = "zzqdedupbugzzq"
CODING_MARKER = "zzqcodingbugzzq"


def _inject_stage_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make normalising, hashing and coding raise on the one document carrying its marker."""
    real_normalise_text = normalise.normalise_text

    def normalise_text(text: str) -> normalise.NormalisedText:
        if NORMALISE_MARKER in text:
            raise RuntimeError("injected normaliser bug")
        return real_normalise_text(text)

    real_signatures = dedup.MinHasher.signatures

    def signatures(self: dedup.MinHasher, bodies: list[str]) -> dedup.Signatures:
        if any(DEDUP_MARKER in body for body in bodies):
            raise IndexError("injected hashing bug")
        return real_signatures(self, bodies)

    real_tone = ToneScorer.document_tone

    def document_tone(self: ToneScorer, text: str) -> float | None:
        if CODING_MARKER in text:
            raise ZeroDivisionError("injected coding bug")
        return real_tone(self, text)

    monkeypatch.setattr(normalise, "normalise_text", normalise_text)
    monkeypatch.setattr(dedup.MinHasher, "signatures", signatures)
    monkeypatch.setattr(ToneScorer, "document_tone", document_tone)
    # The patches live in this process: normalise and code here, not in worker processes.
    monkeypatch.setenv("WIREWATCH__PIPELINE__WORKERS", "1")


def _marked(marker: str, topic: str) -> str:
    return (
        f"Title: {topic}\nPublished: 2026-06-01\n\n"
        f"Kenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala on "
        f"Monday to discuss {topic.lower()} and a new rail link {marker}, officials said.\n"
    )


def _write_hostile_folder(folder: Path) -> dict[str, str | None]:
    """Files -> the quarantine reason each must get (None: stored as a document)."""
    folder.mkdir()
    expected: dict[str, str | None] = {}
    for name, text in GOOD_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        expected[name] = None
    for published in ("0001-01-01", "9999-12-31"):
        for phrase in RELATIVE_PHRASES:
            name = f"poison-{published[:4]}-{phrase.replace(' ', '-')}.txt"
            (folder / name).write_text(_poison_text(published, phrase), encoding="utf-8")
            expected[name] = None
    (folder / "mixed-encoding.txt").write_bytes(
        "Title: Café talks\n\nLes ministres réunis à Genève ont salué l’accord.\n".encode()
        + "He said “no” — the café’s owner, José, refused to sell.\n".encode("cp1252")
    )
    expected["mixed-encoding.txt"] = None
    text = _long_text(300_000)
    (folder / "nul-early.txt").write_bytes(text[:100] + b"\x00" + text[100:])
    (folder / "nul-after-64k.txt").write_bytes(text[:70_000] + b"\x00" + text[70_000:])
    expected["nul-early.txt"] = expected["nul-after-64k.txt"] = BINARY
    (folder / "empty.txt").write_bytes(b"")
    expected["empty.txt"] = "empty_file"
    (folder / "normalise-bug.txt").write_text(_marked(NORMALISE_MARKER, "Trade"))
    expected["normalise-bug.txt"] = "normalise_failed"
    (folder / "dedup-bug.txt").write_text(_marked(DEDUP_MARKER, "Rail"))
    expected["dedup-bug.txt"] = "cluster_failed"
    (folder / "coding-bug.txt").write_text(_marked(CODING_MARKER, "Power lines"))
    expected["coding-bug.txt"] = "coding_failed"
    # The folder is a boundary (tests/test_hostile_paths.py has each case on its own): a name
    # that is not UTF-8 is stored escaped and ingested, a link out of the folder and a link
    # loop are quarantined, a title that looks like console markup is plain text.
    outside = folder.parent / "outside-secret.txt"
    outside.write_text("Title: Not for the database\n\nThis text lives outside the folder.\n")
    (folder / "link-out.txt").symlink_to(outside)
    expected["link-out.txt"] = "outside_folder"
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    expected["loop.txt"] = "symlink_loop"
    with open(os.fsencode(folder) + b"/caf\xe9-talks.txt", "w", encoding="utf-8") as handle:
        handle.write("Title: Harbour dues\nPublished: 2026-05-02\n\nThe port authority of "
                     "Mombasa cut harbour dues for grain ships on Tuesday, its director said.\n")
    expected["caf\\xe9-talks.txt"] = None
    (folder / "markup-[bold].txt").write_text(
        "Title: [/x] [bold]Summit[/bold]\nPublished: 2026-04-09\n\nChile and Peru signed a "
        "fisheries accord in Lima on Thursday [/x], their foreign ministers said.\n")
    expected["markup-[bold].txt"] = None
    return expected


def _run(folder: Path, db: Path) -> None:
    result = runner.invoke(
        app, ["run", str(folder), "--db", str(db), "--settle-seconds", "0", "--batch-size", "5"]
    )
    assert result.exit_code == 0, result.output


def _table_counts(db: Path) -> dict[str, int]:
    tables = ("documents", "files", "quarantine", "coded_documents", "event_mentions", "events")
    return {table: scalar(db, f"select count(*) from {table}") for table in tables}


def test_folder_mixing_hostile_and_good_files_runs_once_and_reruns_to_nothing(
    tmp_path, prefect_api_url, monkeypatch
):
    _inject_stage_failures(monkeypatch)
    folder = tmp_path / "in"
    expected = _write_hostile_folder(folder)
    db = tmp_path / "w.duckdb"

    _run(folder, db)

    assert scalar(db, "select status from runs") == "completed"
    quarantined = {
        Path(path).name: (reason, stage)
        for path, reason, stage in rows(db, "select path, reason, stage from quarantine")
    }
    expected_bad = {name: reason for name, reason in expected.items() if reason}
    assert {name: reason for name, (reason, _) in quarantined.items()} == expected_bad
    assert {name: stage for name, (_, stage) in quarantined.items()} == {
        "nul-early.txt": "decode",
        "nul-after-64k.txt": "decode",
        "empty.txt": "normalise",
        "normalise-bug.txt": "normalise",
        "dedup-bug.txt": "dedup",
        "coding-bug.txt": "coding",
        "link-out.txt": "read",
        "loop.txt": "read",
    }
    assert "outside the folder" not in str(rows(db, "select * from documents"))
    details = dict(rows(db, "select reason, detail from quarantine"))
    assert "injected normaliser bug" in details["normalise_failed"]
    assert details["coding_failed"] == "ZeroDivisionError: injected coding bug"

    # Every good and poison file, the mixed one and the two whose later stage failed are
    # documents; the ledger accounts for every file.
    stored = {Path(p).name for (p,) in rows(db, "select source_path from documents")}
    assert stored == {n for n, r in expected.items() if r is None} | {
        "dedup-bug.txt",
        "coding-bug.txt",
    }
    assert scalar(db, "select count(*) from files") == len(expected)
    assert (
        scalar(db, "select count(*) from files where status not in ('ingested', 'quarantined')")
        == 0
    )
    assert (
        rows(db, "select published_date from documents where source_path like '%poison-%'")
        == [(None,)] * 8
    )
    assert rows(db, "select encoding from files where path like '%mixed-encoding.txt'") == [
        ("mixed",)
    ]
    assert "José" in scalar(db, "select body from documents where source_path like '%mixed%'")

    # The poison documents were coded (their story's canonical copy: they are reprints of
    # each other); the coding failure has its row, marked, and no events.
    poison_coded = rows(
        db,
        "select c.is_canonical, k.coding_error from document_clusters c "
        "join documents d using (doc_id) left join coded_documents k using (doc_id) "
        "where d.source_path like '%poison-%' and (c.is_canonical or k.doc_id is not null)",
    )
    assert poison_coded and set(poison_coded) == {(True, None)}
    assert rows(
        db,
        "select k.coding_error, k.n_mentions from coded_documents k join documents d "
        "using (doc_id) where d.source_path like '%coding-bug.txt'",
    ) == [("coding_failed", 0)]
    # The document whose hashing failed has no signature and no cluster, so it is not coded.
    assert (
        scalar(
            db,
            "select count(*) from document_clusters c join documents d using (doc_id) "
            "where d.source_path like '%dedup-bug.txt'",
        )
        == 0
    )

    before = _table_counts(db)
    _run(folder, db)  # the injected bugs are still there: nothing is retried, nothing added
    assert _table_counts(db) == before
    assert scalar(db, "select count(*) from runs where status = 'completed'") == 2

    # recode re-codes every canonical document; the failing one is quarantined again (no new
    # row) and does not block the rest.
    result = runner.invoke(app, ["recode", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _table_counts(db) == before


@pytest.mark.slow
def test_one_line_file_of_20_mb_is_stored_whole_and_coded_cut(tmp_path, prefect_api_url):
    folder = tmp_path / "in"
    folder.mkdir()
    # Good English prose (the good articles' sentences) repeated into one line of ~19 MB.
    prose = " ".join(" ".join(text.split("\n\n", 1)[1].split()) for text in GOOD_ARTICLES.values())
    line = " ".join([prose] * (19 * 1024 * 1024 // (len(prose) + 1))) + "\n"
    (folder / "huge.txt").write_text(line, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    _run(folder, db)
    # Stored whole, apart from the dateline the normaliser splits off its start.
    assert len(line) - 100 < scalar(db, "select n_chars from documents") < len(line)
    n_chars_coded, coding_error = rows(
        db, "select n_chars_coded, coding_error from coded_documents"
    )[0]
    assert 0 < n_chars_coded <= coding.MAX_CODED_CHARS and coding_error is None
    assert scalar(db, "select max(sentence_end) from event_mentions") <= n_chars_coded
