"""The event-coding gold standard stays well-formed and keeps its coverage floors."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from helpers import REPO_ROOT, SHARED_SEEDS

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


@pytest.fixture(scope="module")
def report():
    if not SHARED_SEEDS.is_dir():
        pytest.fail(f"{SHARED_SEEDS} is missing: tests expect ../shared beside the repository")
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


def test_gold_seed_items_cover_all_five_seed_articles(report):
    seeds = {item["source"] for item in report.items if item["source"].startswith("seed:")}
    articles = {f"seed:{path.name[:3]}" for path in SHARED_SEEDS.glob("[0-9][0-9][0-9]_*.txt")}
    assert len(articles) == 5
    assert seeds == articles


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
    item = {**GOOD_ITEM, "id": "s0001", "source": "seed:004"}
    errors = gold_stats.validate_lines([json.dumps(item)], {"004": "Another body."}).errors
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
