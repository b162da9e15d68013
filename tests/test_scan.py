"""Scan stage: glob matching, walk order, settle check, batching, and reading with checks."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from wirewatch import schemas
from wirewatch.config import IngestSettings
from wirewatch.ingest.scan import (
    ScanCounts,
    compile_globs,
    iter_changed_batches,
    read_files,
    walk_matching,
)


@pytest.mark.parametrize(
    ("patterns", "path", "matches"),
    [
        (["**/*.txt"], "a.txt", True),
        (["**/*.txt"], "x/y/z/a.txt", True),
        (["**/*.txt"], "a.txt.bak", False),
        (["*.txt"], "x/a.txt", False),
        (["wire/**/*.txt"], "wire/a.txt", True),
        (["wire/**/*.txt"], "wire/ap/a.txt", True),
        (["wire/**/*.txt"], "outlets/a.txt", False),
        (["**/article-?.txt"], "d/article-1.txt", True),
        (["**/article-[0-9].txt"], "article-x.txt", False),
        (["**/article-[!0-9].txt"], "article-x.txt", True),
        (["**/*.txt", "**/*.md"], "notes/readme.md", True),
        (["**"], "any/thing", True),
    ],
)
def test_glob_patterns_match_relative_paths(patterns, path, matches):
    assert bool(compile_globs(patterns).match(path)) is matches


def test_walk_lists_a_folders_files_before_its_subfolders_and_skips_hidden(tmp_path):
    for rel in ["b.txt", "a/z.txt", "a/b/c.txt", ".hidden.txt", ".git/x.txt", "c.md"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    walked = walk_matching(tmp_path, compile_globs(["**/*.txt"]))
    found = [Path(s.path).relative_to(tmp_path).as_posix() for s in walked]
    assert found == ["b.txt", "a/z.txt", "a/b/c.txt"]


def test_symlinked_folder_is_not_descended_so_a_loop_cannot_recurse(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("x")
    os.symlink(tmp_path, tmp_path / "real" / "back")  # folder loop
    found = list(walk_matching(tmp_path, compile_globs(["**/*.txt"])))
    assert [Path(s.path).name for s in found] == ["a.txt"]


def test_symlink_to_a_file_stands_for_its_resolved_target_once(tmp_path):
    (tmp_path / "target.txt").write_text("hello world")
    os.symlink("target.txt", tmp_path / "link.txt")  # the walk reaches target.txt anyway
    (tmp_path / ".drafts").mkdir()
    (tmp_path / ".drafts" / "draft.txt").write_text("hidden draft")
    os.symlink(".drafts/draft.txt", tmp_path / "draft-link.txt")  # the only route to it
    os.symlink(".drafts/draft.txt", tmp_path / "draft-link-2.txt")  # a second route
    walked = walk_matching(tmp_path, compile_globs(["**/*.txt"]))
    found = {Path(s.path).relative_to(tmp_path).as_posix(): s for s in walked}
    assert sorted(found) == [".drafts/draft.txt", "target.txt"]
    assert found[".drafts/draft.txt"].reason is None
    assert found[".drafts/draft.txt"].size == len("hidden draft")


def test_folder_named_like_an_article_is_reported_but_plain_folders_are_not(tmp_path):
    (tmp_path / "story.txt").mkdir()
    (tmp_path / "plain").mkdir()
    found = list(walk_matching(tmp_path, compile_globs(["**/*"])))
    assert [(Path(s.path).name, s.reason) for s in found] == [("story.txt", schemas.NOT_A_FILE)]


def test_fifo_is_not_a_file_and_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    [entry] = list(walk_matching(tmp_path, compile_globs(["**/*.txt"])))
    assert entry.reason == schemas.NOT_A_FILE
    result = read_files([entry], cfg=IngestSettings())
    assert [q.reason for q in result.quarantine] == [schemas.NOT_A_FILE]


def _everything_changed(stats):
    return list(stats)


def test_batches_respect_batch_size_and_keep_scan_order(tmp_path):
    for i in range(10):
        (tmp_path / f"{i:02d}.txt").write_text("x" * 10)
    old = time.time() - 100
    for p in tmp_path.iterdir():
        os.utime(p, (old, old))
    cfg = IngestSettings(batch_size=4, settle_seconds=0)
    batches = list(iter_changed_batches(tmp_path, cfg, _everything_changed, ScanCounts()))
    assert [len(b) for b in batches] == [4, 4, 2]
    assert [Path(s.path).name for b in batches for s in b] == [f"{i:02d}.txt" for i in range(10)]


def test_batches_are_cut_by_bytes_too(tmp_path):
    for i in range(6):
        (tmp_path / f"{i}.txt").write_bytes(b"x" * 1000)
    cfg = IngestSettings(batch_size=100, batch_bytes=2500, settle_seconds=0)
    batches = list(iter_changed_batches(tmp_path, cfg, _everything_changed, ScanCounts()))
    assert [len(b) for b in batches] == [3, 3]


def test_recently_modified_file_is_deferred_not_returned(tmp_path):
    (tmp_path / "new.txt").write_text("being written")
    (tmp_path / "old.txt").write_text("done")
    old = time.time() - 100
    os.utime(tmp_path / "old.txt", (old, old))
    counts = ScanCounts()
    cfg = IngestSettings(settle_seconds=30)
    batches = list(iter_changed_batches(tmp_path, cfg, _everything_changed, counts))
    assert [Path(s.path).name for b in batches for s in b] == ["old.txt"]
    assert counts.n_deferred == 1
    assert counts.deferred_paths == [str(tmp_path / "new.txt")]


def test_only_what_the_ledger_calls_changed_is_batched(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(name)
    counts = ScanCounts()

    def only_b(stats):
        return [s for s in stats if s.path.endswith("b.txt")]

    cfg = IngestSettings(settle_seconds=0)
    batches = list(iter_changed_batches(tmp_path, cfg, only_b, counts))
    assert [Path(s.path).name for b in batches for s in b] == ["b.txt"]
    assert (counts.n_matched, counts.n_unchanged) == (3, 2)


def _stat_of(path: Path):
    [entry] = [s for s in walk_matching(path.parent, compile_globs([path.name]))]
    return entry


def test_file_deleted_between_scan_and_read_is_quarantined_vanished(tmp_path):
    target = tmp_path / "gone.txt"
    target.write_text("soon deleted")
    entry = _stat_of(target)
    target.unlink()
    result = read_files([entry], cfg=IngestSettings())
    assert [q.reason for q in result.quarantine] == [schemas.FILE_VANISHED]
    assert result.rows == []


def test_file_that_grows_during_the_run_is_deferred(tmp_path):
    target = tmp_path / "growing.txt"
    target.write_text("first part")
    entry = _stat_of(target)
    with target.open("a") as handle:
        handle.write(" and more")
    result = read_files([entry], cfg=IngestSettings())
    assert result.rows == [] and result.quarantine == []
    assert result.counts["n_deferred"] == 1


def test_file_over_the_size_cap_is_not_read(tmp_path):
    target = tmp_path / "big.txt"
    target.write_bytes(b"a" * 5000)
    result = read_files([_stat_of(target)], cfg=IngestSettings(max_file_bytes=4096))
    assert [q.reason for q in result.quarantine] == [schemas.TOO_LARGE]
    assert result.counts["bytes_read"] == 0


def test_good_file_is_read_with_its_sha256(tmp_path):
    target = tmp_path / "ok.txt"
    target.write_bytes(b"hello")
    [raw] = read_files([_stat_of(target)], cfg=IngestSettings()).rows
    assert raw.content == b"hello"
    assert raw.sha256 == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"


def test_file_without_read_permission_is_quarantined_unreadable(tmp_path):
    target = tmp_path / "secret.txt"
    target.write_text("classified")
    entry = _stat_of(target)
    target.chmod(0o000)
    # Root reads anything: drop the effective uid to `nobody` for the read, then restore it.
    as_root = os.geteuid() == 0
    if as_root:
        os.seteuid(65534)
    try:
        result = read_files([entry], cfg=IngestSettings())
    finally:
        if as_root:
            os.seteuid(0)
    assert [q.reason for q in result.quarantine] == [schemas.UNREADABLE]
