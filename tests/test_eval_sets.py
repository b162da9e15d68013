"""The frozen evaluation sets (bench/events/frozen) and the scorer's arithmetic."""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FROZEN = ROOT / "bench" / "events" / "frozen"
sys.path.insert(0, str(ROOT / "bench" / "events"))

import audit  # noqa: E402
from helpers import ingest  # noqa: E402
from score import (  # noqa: E402
    FrozenSetChanged,
    Predicted,
    check_frozen,
    prf,
    score_items,
)

from wirewatch.coding.events import load_event_codes  # noqa: E402

CODES = load_event_codes()
PLOVER = {code: info.plover_type for code, info in CODES.items()}
ROOTS = {f"{n:02d}" for n in range(1, 21)}


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_frozen_test_set_digest_matches() -> None:
    recorded = (FROZEN / "test.jsonl.sha256").read_text(encoding="utf-8").split()
    assert recorded[1] == "test.jsonl"
    assert hashlib.sha256((FROZEN / "test.jsonl").read_bytes()).hexdigest() == recorded[0]
    assert check_frozen(FROZEN / "test.jsonl") == recorded[0]


def test_scorer_refuses_an_edited_frozen_set(tmp_path: Path) -> None:
    copy = tmp_path / "test.jsonl"
    copy.write_bytes((FROZEN / "test.jsonl").read_bytes())
    (tmp_path / "test.jsonl.sha256").write_text(
        (FROZEN / "test.jsonl.sha256").read_text(encoding="utf-8"), encoding="utf-8")
    assert check_frozen(copy) is not None
    copy.write_bytes(copy.read_bytes().replace(b'"root": "19"', b'"root": "18"', 1))
    with pytest.raises(FrozenSetChanged, match="frozen but changed"):
        check_frozen(copy)
    assert check_frozen(ROOT / "bench" / "events" / "gold.jsonl") is None


@pytest.mark.parametrize("name,min_rows", [("test.jsonl", 300), ("dev.jsonl", 100)])
def test_every_row_parses_and_is_consistent(name: str, min_rows: int) -> None:
    rows = _rows(FROZEN / name)
    assert len(rows) >= min_rows
    ids = [row["id"] for row in rows]
    assert len(set(ids)) == len(ids)
    roots: set[str] = set()
    for row in rows:
        assert row["source"] == "written" and row["text"].strip(), row["id"]
        published = row["context"]["published"]
        assert published and int(published[:4]) == row["year"], row["id"]
        assert 1980 <= row["year"] <= 2025, row["id"]
        if not row["events"]:
            assert row["negative"] and row["notes"], row["id"]
        for event in row["events"]:
            info = CODES[event["code"]]
            assert event["root"] == info.root_code, row["id"]
            assert event["plover"] == info.plover_type, row["id"]
            assert isinstance(event["actor1"], str) and event["actor1"].isupper(), row["id"]
            assert event["actor2"] is None or event["actor2"].isupper(), row["id"]
            roots.add(event["root"])
    assert roots == ROOTS


def test_test_set_spans_1980_to_2025_and_has_hard_negatives() -> None:
    rows = _rows(FROZEN / "test.jsonl")
    years = {row["year"] for row in rows}
    assert min(years) == 1980 and max(years) == 2025
    assert {decade for decade in range(1980, 2030, 10)} <= {y // 10 * 10 for y in years}
    kinds = {row["negative"] for row in rows if not row["events"]}
    assert {"negated", "hypothetical", "future", "generic", "non-political"} <= kinds
    assert sum(1 for row in rows if not row["events"]) >= 30


def test_dev_and_test_share_no_text() -> None:
    test_texts = {row["text"] for row in _rows(FROZEN / "test.jsonl")}
    assert not test_texts & {row["text"] for row in _rows(FROZEN / "dev.jsonl")}


def test_scorer_arithmetic_on_a_hand_made_set() -> None:
    items = [
        {"id": "a", "events": [{"actor1": "USA", "actor2": "IRQ", "root": "19", "code": "195",
                                "plover": "ASSAULT"}]},
        {"id": "b", "events": [{"actor1": "FRA", "actor2": "DEU", "root": "04", "code": "042"},
                               {"actor1": "DEU", "actor2": "FRA", "root": "01", "code": "010"}]},
        {"id": "n1", "events": [], "negative": "negated"},
        {"id": "n2", "events": [], "negative": "non-political"},
    ]
    predictions = {
        # right root and actors, wrong full code
        "a": [Predicted("USA", "IRQ", "19", "190", "ASSAULT")],
        # right root, reversed actors; a spurious extra root
        "b": [Predicted("DEU", "FRA", "04", "042", "CONSULT"),
              Predicted("DEU", None, "11", "111", "ACCUSE")],
        "n2": [Predicted("GBR", None, "17", "173", "COERCE")],
    }
    scores = score_items(items, predictions, PLOVER)
    # gold roots {a19, b04, b01}; predicted {a19, b04, b11, n2-17}
    assert scores.counts["root"] == (2, 2, 1)
    assert scores.prf("root") == pytest.approx((0.5, 2 / 3, 4 / 7))
    # gold codes {a195, b042, b010}; predicted {a190, b042, b111, n2-173}
    assert scores.counts["code"] == (1, 3, 2)
    # gold PLOVER {a ASSAULT, b CONSULT (from the table)}; root 01 has none
    assert scores.counts["plover"] == (2, 2, 0)
    # dyads: only a's matches
    assert scores.counts["dyad"] == (1, 3, 2)
    assert (scores.negatives, scores.negatives_coded) == (2, 1)
    assert scores.false_positive_rate == 0.5
    assert scores.negatives_by_kind == {"negated": (1, 0), "non-political": (1, 1)}
    assert scores.per_root["01"] == (0, 0, 1) and scores.per_root["11"] == (0, 1, 0)
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)


# --- the real-article audit (bench/events/audit.py) ----------------------------------------

AUDIT_ARTICLES = {
    "world/a.txt": "Published: 2024-05-02\n\nTalks in Cairo\n\nFrench President Emmanuel Macron "
                   "held talks with Egyptian President Abdel Fattah al-Sisi in Cairo on Thursday. "
                   "Germany imposed sanctions on Iran on Wednesday.\n",
    "world/b.txt": "Published: 2024-06-10\n\nEmbassy row\n\nPoland expelled two Belarusian "
                   "diplomats on Monday. The United Nations urged both sides to show restraint.\n",
    "sport/c.txt": "Published: 2024-06-11\n\nCup tie\n\nThe visitors scored twice in the second "
                   "half and won the cup tie comfortably.\n",
}


def _sheet(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_audit_samples_a_fixed_sheet_and_scores_it(prefect: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for name, text in AUDIT_ARTICLES.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    db = tmp_path / "audit.duckdb"
    ingest(corpus, db)
    sheet, again = tmp_path / "sheet.csv", tmp_path / "again.csv"
    common = [str(corpus), "--db", str(db), "--no-ingest", "--sample", "3", "--seed", "5"]
    assert audit.main([*common, "--out", str(sheet)]) == 0
    assert audit.main([*common, "--out", str(again)]) == 0
    assert sheet.read_bytes() == again.read_bytes()  # the same seed draws the same rows
    rows = _sheet(sheet)
    assert len(rows) == 3 and list(rows[0]) == list(audit.SHEET_COLUMNS)
    texts = "".join(AUDIT_ARTICLES.values())
    for row in rows:
        assert row["sentence"] and row["sentence"] in texts
        assert row["doc_path"] in AUDIT_ARTICLES
        assert row["root"] == row["event_code"][:2]
        assert all(row[column] == "" for column in audit.JUDGE_COLUMNS)
    # judge: y/n/na; an empty root_right leaves a row unjudged
    verdicts = [("y", "y", "y"), ("y", "n", "na"), ("", "", "")]
    for row, (root, actors, date) in zip(rows, verdicts, strict=True):
        row.update(root_right=root, actors_right=actors, date_right=date)
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=audit.SHEET_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    assert audit.score_sheet(sheet) == {"rows": 3, "judged": 2, "root_right": 2,
                                        "actors_right": 1, "date_judged": 1, "date_right": 1}
    rows[0]["root_right"] = "maybe"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=audit.SHEET_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(audit.AuditError, match="row 1: root_right='maybe' is not y or n"):
        audit.score_sheet(sheet)


def test_audit_refuses_paths_inside_the_repository(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(audit.AuditError, match="inside the repository"):
        audit.outside_repository(ROOT / "bench" / "sheet.csv", "sheet")
    assert audit.outside_repository(tmp_path / "sheet.csv", "sheet") == tmp_path / "sheet.csv"
    assert audit.main([str(ROOT / "seeds"), "--no-ingest"]) == 2
    assert "inside the repository" in capsys.readouterr().err
