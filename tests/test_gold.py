"""The event-coding gold standard stays well-formed and keeps its coverage floors; items taken
from the shared seed articles hold references that resolve to their annotated texts."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
import seed_refs
from helpers import BENCH_EVENTS, REPO_ROOT, SHARED_SEEDS

GOLD_DIR = REPO_ROOT / "bench" / "events"
GOLD = GOLD_DIR / "gold.jsonl"
SCRIPT = GOLD_DIR / "gold_stats.py"


def _load_gold_stats() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gold_stats", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


gold_stats = _load_gold_stats()

GOOD_ITEM = {
    "id": "w0001",
    "source": "written",
    "region": "Europe",
    "context": {"published": "2024-12-16", "dateline": None},
    "text": "The European Union imposed sanctions on Russia on Monday.",
    "events": [{"actor1": "EEC", "actor2": "RUS", "root": "16", "code": "163",
                "evidence": "imposed sanctions on"}],
}


ANNOTATED_FILES = sorted(BENCH_EVENTS.glob("*.jsonl"))


@pytest.fixture(scope="module")
def report():
    """The gold file validated; seed items' texts are checked only where the seeds are."""
    return gold_stats.validate_file(GOLD, SHARED_SEEDS)


def _errors_for(item: dict) -> list[str]:
    return gold_stats.validate_lines([json.dumps(item)], seed_bodies=None).errors


def test_gold_file_passes_validation(report):
    assert report.errors == []


def test_gold_written_items_at_least_200(report):
    assert gold_stats.coverage(report.items)["written_items"] >= 200


def test_gold_every_cameo_root_has_at_least_8_events(report):
    per_root = gold_stats.events_per_root(report.items)
    thin = {root: per_root[root] for root in gold_stats.ROOT_NAMES if per_root[root] < 8}
    assert thin == {}


def test_gold_hard_negatives_at_least_40(report):
    assert gold_stats.coverage(report.items)["empty_written_items"] >= 40


def test_gold_seed_items_cover_all_five_seed_articles(report, shared_seeds):
    seeds = {item["source"] for item in report.items if item["source"].startswith("seed:")}
    articles = {f"seed:{path.name[:3]}" for path in shared_seeds.glob("[0-9][0-9][0-9]_*.txt")}
    assert len(articles) == 5
    assert seeds == articles


def test_gold_seed_texts_resolve_and_occur_in_their_articles(shared_seeds):
    checked = gold_stats.validate_file(GOLD, shared_seeds)
    assert checked.errors == []
    assert checked.unchecked_seed_texts == 0
    assert gold_stats.coverage(checked.items)["seed_items"] == 67


@pytest.mark.parametrize("path", ANNOTATED_FILES, ids=lambda path: path.name)
def test_annotated_seed_items_hold_references_not_text(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["source"].startswith("seed:"):
            assert "text" not in item and "seed_ref" in item, item["id"]
            assert all("evidence" not in event for event in item["events"]), item["id"]


@pytest.mark.parametrize("path", ANNOTATED_FILES, ids=lambda path: path.name)
def test_annotated_files_resolve_every_seed_item_when_the_seeds_are_there(
        path: Path, shared_seeds: Path):
    loaded = seed_refs.load_items(path, shared_seeds)
    stored = path.read_text(encoding="utf-8").splitlines()
    assert loaded.skipped == [] and len(loaded.items) == len(stored)
    for item in loaded.items:
        assert "seed_ref" not in item and item["text"].strip() == item["text"]
        assert all(event["evidence"] in item["text"] for event in item["events"])


def test_without_seeds_the_loader_leaves_seed_items_out_and_says_why(tmp_path: Path):
    absent = tmp_path / "no-seeds"
    loaded = seed_refs.load_items(GOLD, absent)
    stored = GOLD.read_text(encoding="utf-8").splitlines()
    n_seed = sum('"source": "seed:' in line for line in stored)
    assert len(loaded.skipped) == n_seed == 67
    assert all(item["source"] == "written" for item in loaded.items)
    assert f"67 seed item(s) skipped: the shared seed articles are not at {absent}" in (
        loaded.note() or "")
    assert "WIREWATCH_SHARED_SEEDS" in (loaded.note() or "")


def test_shared_seeds_setting_names_the_folder(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("WIREWATCH_SHARED_SEEDS", str(tmp_path))
    assert seed_refs.shared_seeds_dir() == tmp_path
    monkeypatch.delenv("WIREWATCH_SHARED_SEEDS")
    assert seed_refs.shared_seeds_dir() == REPO_ROOT.parent / "shared" / "seeds"


SEED_FILE = "004_0123456789abcdef.txt"
SEED_ARTICLE = "Dateline --\nThe Union praised the court. Later it imposed sanctions on Russia.\n"


def _seed_item(start: int, end: int, **ref: object) -> dict:
    text = SEED_ARTICLE[start:end]
    return {
        **{key: value for key, value in GOOD_ITEM.items() if key != "text"},
        "id": "s0001", "source": "seed:004",
        "seed_ref": {"file": SEED_FILE, "start": start, "end": end,
                     "sha256": seed_refs.text_digest(text), **ref},
        "events": [{"actor1": "EEC", "actor2": "RUS", "root": "16", "code": "163",
                    "evidence_ref": {"start": text.find("imposed"), "end": text.find(" Russia")}}],
    }


def _seed_errors(item: dict, body: str | None = None) -> list[str]:
    bodies = {"004": SEED_ARTICLE if body is None else body}
    return gold_stats.validate_lines(
        [json.dumps(item)], bodies, seed_texts={SEED_FILE: SEED_ARTICLE}
    ).errors


def test_validator_resolved_seed_item_has_no_errors():
    start = SEED_ARTICLE.index("Later")
    item = _seed_item(start, SEED_ARTICLE.index("\n", start))
    assert seed_refs.resolve_item(item, {SEED_FILE: SEED_ARTICLE})["events"][0]["evidence"] == (
        "imposed sanctions on")
    assert _seed_errors(item) == []
    unchecked = gold_stats.validate_lines([json.dumps(item)], None)
    assert unchecked.errors == [] and unchecked.unchecked_seed_texts == 1


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"sha256": "0" * 16}, "differs from the annotated one"),
        ({"end": 10_000}, "is not a span of"),
        ({"file": "004_other.txt"}, "is not in the seed folder"),
        ({"file": "003_0123456789abcdef.txt"}, "is not the article of source='seed:004'"),
    ],
)
def test_validator_bad_seed_reference_is_reported(change, problem):
    start = SEED_ARTICLE.index("Later")
    item = _seed_item(start, SEED_ARTICLE.index("\n", start))
    item["seed_ref"].update(change)
    assert any(problem in error for error in _seed_errors(item)), _seed_errors(item)


def test_reference_item_is_the_inverse_of_resolve_item():
    start = SEED_ARTICLE.index("Later")
    stored = _seed_item(start, SEED_ARTICLE.index("\n", start))
    resolved = seed_refs.resolve_item(stored, {SEED_FILE: SEED_ARTICLE})
    assert resolved["text"] == "Later it imposed sanctions on Russia."
    again = seed_refs.reference_item(resolved, {SEED_FILE: SEED_ARTICLE})
    assert json.dumps(again, sort_keys=True) == json.dumps(stored, sort_keys=True)
    with pytest.raises(seed_refs.SeedRefError, match="occurs 0 times"):
        seed_refs.reference_item({**resolved, "text": "Not there."}, {SEED_FILE: SEED_ARTICLE})


def test_validator_seed_item_holding_its_text_is_reported():
    start = SEED_ARTICLE.index("Later")
    item = {**_seed_item(start, SEED_ARTICLE.index("\n", start)), "text": "Later it imposed."}
    assert any("never text" in error for error in _seed_errors(item))


def test_gold_every_region_has_items(report):
    regions = {item["region"] for item in report.items}
    assert regions == set(gold_stats.REGIONS)


def test_annotation_doc_tables_match_gold_file(report):
    doc = (GOLD_DIR / "ANNOTATION.md").read_text(encoding="utf-8")
    block = gold_stats.render_markdown(report.items)
    assert f"{gold_stats.DOC_BEGIN}\n{block}\n{gold_stats.DOC_END}" in doc


def test_validator_good_item_has_no_errors():
    assert _errors_for(GOOD_ITEM) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"events": [{**GOOD_ITEM["events"][0], "evidence": "slapped sanctions on"}]},
         "does not occur in text"),
        ({"events": [{**GOOD_ITEM["events"][0], "root": "21"}]}, "not a two-digit CAMEO root"),
        ({"events": [{**GOOD_ITEM["events"][0], "code": "1741"}]}, "is not a CAMEO code"),
        ({"events": [{**GOOD_ITEM["events"][0], "code": "111"}]}, "is not a CAMEO code"),
        ({"events": [{**GOOD_ITEM["events"][0], "actor2": "MSR_BLOC"}]}, "actor2="),
        ({"events": [{**GOOD_ITEM["events"][0], "actor1": "OAS"}]}, "actor1="),
        ({"events": []}, "must say why in notes"),
        ({"events": [GOOD_ITEM["events"][0], {**GOOD_ITEM["events"][0], "code": "160"}]},
         "2 events share actor1=EEC actor2=RUS root=16"),
        ({"region": "Atlantis"}, "region="),
        ({"context": {"published": "2024-02-30", "dateline": None}}, "context.published="),
        ({"source": "seed:7"}, "source="),
        ({"id": "x1"}, "id="),
        ({"colour": "red"}, "unknown field"),
    ],
)
def test_validator_bad_item_is_reported(change, problem):
    errors = _errors_for({**GOOD_ITEM, **change})
    assert any(problem in error for error in errors), errors


def test_validator_missing_field_is_reported():
    item = {key: value for key, value in GOOD_ITEM.items() if key != "events"}
    assert any("missing field 'events'" in error for error in _errors_for(item))


def test_validator_duplicate_id_and_bad_json_are_reported():
    other = {**GOOD_ITEM, "text": GOOD_ITEM["text"].replace("Monday", "Tuesday")}
    lines = [json.dumps(GOOD_ITEM), json.dumps(other), "{not json"]
    errors = gold_stats.validate_lines(lines, seed_bodies=None).errors
    assert any("line=2 id=w0001: duplicate id" in error for error in errors)
    assert any(error.startswith("line=3: not JSON") for error in errors)


def test_validator_seed_text_not_in_article_is_reported():
    start = SEED_ARTICLE.index("Later")
    item = _seed_item(start, SEED_ARTICLE.index("\n", start))
    errors = _seed_errors(item, body="Another body.")
    assert any("does not occur in the normalised body of seed 004" in e for e in errors)


def test_gold_stats_script_invalid_file_exits_nonzero(tmp_path: Path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text(json.dumps({**GOOD_ITEM, "events": []}) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(bad), "--seeds", str(SHARED_SEEDS)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert "line=1 id=w0001" in result.stderr


def test_gold_stats_script_valid_file_prints_root_table(tmp_path: Path):
    good = tmp_path / "gold.jsonl"
    good.write_text(json.dumps(GOOD_ITEM) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(good), "--seeds", str(SHARED_SEEDS)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "| 16 | Reduce relations | 1 | 1 | 0 | 1 |" in result.stdout


def test_gold_stats_script_id_prefix_accepts_dev_ids_and_rejects_gold_ids(tmp_path: Path):
    dev = tmp_path / "dev.jsonl"
    dev_item = {**GOOD_ITEM, "id": "d3-0001"}
    dev.write_text(json.dumps(dev_item) + "\n", encoding="utf-8")
    command = [sys.executable, str(SCRIPT), str(dev), "--seeds", str(SHARED_SEEDS)]
    default = subprocess.run(command, capture_output=True, text=True, check=False)
    prefixed = subprocess.run(
        [*command, "--id-prefix", "d3-"], capture_output=True, text=True, check=False
    )
    assert default.returncode == 1
    assert "id='d3-0001' does not match the written id shape" in default.stderr
    assert prefixed.returncode == 0, prefixed.stderr


def test_validator_code_missing_from_lookup_is_reported():
    cameo_dir = REPO_ROOT / "wirewatch" / "coding" / "data" / "cameo"
    lookup = gold_stats.load_code_lookup(cameo_dir / "event_codes.csv")
    in_lookup = gold_stats.validate_lines([json.dumps(GOOD_ITEM)], None, lookup_codes=lookup)
    trimmed = gold_stats.validate_lines(
        [json.dumps(GOOD_ITEM)], None, lookup_codes=lookup - {"163"}
    )
    assert in_lookup.errors == []
    assert any("code='163' is not in the coder's event code lookup" in e for e in trimmed.errors)
