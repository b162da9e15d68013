"""Story clusters through the real flow: reprints join one story, independent articles on the
same event stay apart, clusters grow and merge across runs, settings cannot be mixed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import REPO_SEEDS, ingest, rows, scalar
from typer.testing import CliRunner

from wirewatch.cli import app
from wirewatch.errors import ConfigError

pytestmark = pytest.mark.usefixtures("prefect")

ORIGINAL = REPO_SEEDS / "wire" / "reuters" / "kenya-ethiopia-border-security-pact.txt"


def _cluster_of(db: Path, folder: Path) -> dict[str, str]:
    """Relative path of every file with a document -> its story cluster id."""
    return {
        Path(path).relative_to(folder).as_posix(): cluster
        for path, cluster in rows(
            db,
            "select s.source, c.cluster_id from document_sources s "
            "join document_clusters c using (doc_id)",
        )
    }


def test_bundled_seeds_cluster_exactly_as_the_manifest_says(seeds_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest(seeds_copy, db)
    manifest = json.loads((seeds_copy / "manifest.json").read_text(encoding="utf-8"))
    clusters = _cluster_of(db, seeds_copy)

    stories: dict[str, set[str]] = {}
    for entry in manifest:
        if entry["kind"] != "empty":
            stories.setdefault(entry["story"], set()).add(clusters[entry["path"]])
    # Each story (an original and its reprints) is one cluster, and no two stories share one.
    assert all(len(ids) == 1 for ids in stories.values()), stories
    assert len({next(iter(ids)) for ids in stories.values()}) == len(stories)
    assert scalar(db, "select count(*) from story_clusters") == len(stories)
    # Every file that produced or duplicated a document is a sighting.
    assert scalar(db, "select count(*) from document_sources") == len(manifest) - 1
    assert scalar(db, "select max(n_sources) from story_clusters") == 5


def test_five_shared_seeds_are_five_separate_stories(shared_seeds, tmp_path):
    db = tmp_path / "s.duckdb"
    ingest(shared_seeds, db)
    assert scalar(db, "select count(*) from story_clusters") == 5
    assert scalar(db, "select max(n_docs) from story_clusters") == 1


def _reprint(text: str, headline: str, keep: float, furniture: str) -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    body = paragraphs[1 : max(3, int(len(paragraphs) * keep))]
    return "\n".join([headline, "", *body, "", furniture]) + "\n"


def test_reprint_family_split_over_three_runs_ends_in_one_cluster_with_every_source(tmp_path):
    original = ORIGINAL.read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    db = tmp_path / "w.duckdb"
    waves = [
        {"wire.txt": original, "herald.txt": _reprint(original, "Pact signed", 0.9, "More News")},
        {"post.txt": _reprint(original, "Raids pact", 0.6, "Share this article")},
        {
            "pulse.txt": _reprint(original, "Joint force", 0.8, "Latest News"),
            "pulse-copy.txt": _reprint(original, "Joint force", 0.8, "Latest News"),
        },
    ]
    for wave in waves:
        for name, text in wave.items():
            (folder / name).write_text(text, encoding="utf-8")
        ingest(folder, db)

    clusters = _cluster_of(db, folder)
    assert set(clusters) == {"wire.txt", "herald.txt", "post.txt", "pulse.txt", "pulse-copy.txt"}
    assert len(set(clusters.values())) == 1
    assert rows(db, "select n_docs, n_sources from story_clusters") == [(4, 5)]
    assert scalar(db, "select sum(n_reprints) from runs") == 3


def test_a_document_bridging_two_stories_merges_them_under_the_older_id(tmp_path):
    paragraphs = [p for p in ORIGINAL.read_text(encoding="utf-8").split("\n") if p.strip()]
    first_half, second_half = paragraphs[1:6], paragraphs[6:]
    folder = tmp_path / "in"
    folder.mkdir()
    db = tmp_path / "w.duckdb"

    (folder / "a.txt").write_text("\n".join(first_half), encoding="utf-8")
    ingest(folder, db)
    (folder / "b.txt").write_text("\n".join(second_half), encoding="utf-8")
    ingest(folder, db)
    assert scalar(db, "select count(*) from story_clusters") == 2
    older_id = scalar(
        db,
        "select cluster_id from document_clusters c join documents d using (doc_id) "
        "where d.source_path like '%a.txt'",
    )

    (folder / "whole.txt").write_text("\n".join(first_half + second_half), encoding="utf-8")
    summary = ingest(folder, db)
    assert summary["n_reprints"] == 1
    assert rows(db, "select cluster_id, n_docs from story_clusters") == [(older_id, 3)]
    assert scalar(db, "select count(distinct cluster_id) from document_clusters") == 1
    canonical = scalar(
        db,
        "select source_path from documents d join story_clusters s "
        "on s.canonical_doc_id = d.doc_id",
    )
    assert canonical.endswith("whole.txt")


def test_exact_duplicate_seen_later_adds_a_source_not_a_document(seeds_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest(seeds_copy, db)
    before = rows(db, "select cluster_id, n_docs, n_sources from story_clusters order by all")
    copy = seeds_copy / "late-copy.txt"
    shutil.copy(seeds_copy / "wire" / "tass" / "russia-kazakhstan-caspian-ports.txt", copy)

    summary = ingest(seeds_copy, db)
    assert (summary["n_documents_new"], summary["n_documents_duplicate"]) == (0, 1)
    after = dict(
        (c, (d, s))
        for c, d, s in rows(db, "select cluster_id, n_docs, n_sources from story_clusters")
    )
    cluster = _cluster_of(db, seeds_copy)["late-copy.txt"]
    assert after[cluster][1] == dict((c, s) for c, _, s in before)[cluster] + 1


def test_changed_dedup_settings_are_refused_until_reclustered(seeds_copy, tmp_path, monkeypatch):
    db = tmp_path / "w.duckdb"
    ingest(seeds_copy, db)
    expected = rows(
        db, "select doc_id, cluster_id, is_canonical from document_clusters order by all"
    )

    monkeypatch.setenv("WIREWATCH__DEDUP__NUM_PERM", "64")
    monkeypatch.setenv("WIREWATCH__DEDUP__BANDS", "32")  # 2 rows per band, as the default
    with pytest.raises(ConfigError, match="recluster"):
        ingest(seeds_copy, db)

    result = CliRunner().invoke(app, ["recluster", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert scalar(db, "select num_perm from dedup_params") == 64
    assert (
        rows(db, "select doc_id, cluster_id, is_canonical from document_clusters order by all")
        == expected
    )
    ingest(seeds_copy, db)  # accepted now


def _borderline_pair() -> tuple[str, str, float, float]:
    """Two article texts whose estimated Jaccard is just under min_jaccard while their exact
    Jaccard reaches it (found by a seeded search over word substitutions of a real article):
    (text_a, text_b, estimated, exact)."""
    import random

    from wirewatch.config import DedupSettings
    from wirewatch.dedup.reprints import estimate_jaccard, min_hasher
    from wirewatch.ingest.normalise import normalise_text

    cfg = DedupSettings()
    hasher = min_hasher(cfg)
    words = ORIGINAL.read_text(encoding="utf-8").split()
    for attempt in range(400):
        rng = random.Random(attempt)
        changed = [w if rng.random() > 0.085 else f"x{rng.randrange(10**6)}" for w in words]
        text_a, text_b = " ".join(words), " ".join(changed)
        bodies = [normalise_text(text_a).body, normalise_text(text_b).body]
        signatures = hasher.signatures(bodies)
        estimated = float(estimate_jaccard(signatures.values[0], signatures.values[1]))
        set_a, set_b = signatures.shingle_sets
        shared = len(set(set_a.tolist()) & set(set_b.tolist()))
        exact = shared / (len(set_a) + len(set_b) - shared)
        if cfg.min_jaccard - cfg.exact_margin < estimated < cfg.min_jaccard <= exact < 0.5:
            return text_a, text_b, estimated, exact
    raise AssertionError("no borderline pair found in 400 attempts")


@pytest.mark.parametrize("exact_margin", [0.02, 0.0])
def test_borderline_pair_is_decided_by_exact_jaccard_unless_turned_off(
        tmp_path, monkeypatch, exact_margin):
    text_a, text_b, estimated, exact = _borderline_pair()
    assert estimated < 0.3 <= exact
    monkeypatch.setenv("WIREWATCH__DEDUP__EXACT_MARGIN", str(exact_margin))
    folder = tmp_path / "in"
    folder.mkdir()
    db = tmp_path / "w.duckdb"
    # Two runs: the second document meets the first as a stored one (its body read back).
    (folder / "a.txt").write_text(text_a, encoding="utf-8")
    ingest(folder, db)
    (folder / "b.txt").write_text(text_b, encoding="utf-8")
    ingest(folder, db)
    clusters = _cluster_of(db, folder)
    same_story = clusters["a.txt"] == clusters["b.txt"]
    assert same_story is (exact_margin > 0)


def test_one_run_of_single_document_batches_clusters_like_one_batch(tmp_path):
    """Within one run the store keeps its doc_seq -> cluster map in memory between batches;
    batches of one document (a bridge merging two stories, then a reprint of the merged one)
    must end with the clusters one batch gives."""
    paragraphs = [p for p in ORIGINAL.read_text(encoding="utf-8").split("\n") if p.strip()]
    first_half, second_half = paragraphs[1:6], paragraphs[6:]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("\n".join(first_half), encoding="utf-8")
    (folder / "b.txt").write_text("\n".join(second_half), encoding="utf-8")
    (folder / "c-whole.txt").write_text("\n".join(first_half + second_half), encoding="utf-8")
    (folder / "d-reprint.txt").write_text(
        "\n".join(first_half + second_half[:-1]), encoding="utf-8"
    )
    one_by_one, together = tmp_path / "one.duckdb", tmp_path / "all.duckdb"
    ingest(folder, one_by_one, batch_size=1)
    ingest(folder, together)
    clusters = _cluster_of(one_by_one, folder)
    assert len(set(clusters.values())) == 1 and len(clusters) == 4
    assert clusters == _cluster_of(together, folder)
    # seen_at differs between the two runs; everything else must not.
    stories = "select cluster_id, canonical_doc_id, n_docs, n_sources from story_clusters"
    assert rows(one_by_one, stories) == rows(together, stories)
