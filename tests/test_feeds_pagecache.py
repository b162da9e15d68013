"""The page cache that carries fetched article pages over a crash: a kept outcome reads back
as it was fetched (a body or a failure), a file that is not whole reads as absent, and a
committed batch's files, then a finished run's folder, are removed."""

from __future__ import annotations

from pathlib import Path

from wirewatch.feeds.fetch import FetchResult
from wirewatch.feeds.pagecache import PageCache

PAGE = FetchResult(
    url="http://127.0.0.1:8080/articles/a.html",
    final_url="http://127.0.0.1:8080/articles/a-moved.html",
    status=200,
    body=b"<html><body><p>kept bytes \xe2\x80\x94 whole</p></body></html>",
    content_type="text/html; charset=utf-8",
    n_attempts=2,
)
FAILED = FetchResult(
    url="http://127.0.0.1:8080/articles/b.html",
    final_url="http://127.0.0.1:8080/articles/b.html",
    reason="timeout",
    detail="took too long (3 attempts)",
    n_attempts=3,
)


def test_outcomes_read_back_as_they_were_fetched(tmp_path: Path) -> None:
    cache = PageCache.beside(tmp_path / "news.duckdb")
    assert cache.folder == tmp_path / "news.feed-pages"
    assert cache.get(PAGE.url) is None
    cache.put(PAGE)
    cache.put(FAILED)
    again = PageCache.beside(tmp_path / "news.duckdb")  # as a rerun would open it
    assert again.get(PAGE.url) == PAGE
    assert again.get(FAILED.url) == FAILED
    assert again.get("http://127.0.0.1:8080/articles/c.html") is None


def test_a_file_that_is_not_whole_reads_as_absent(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "pages")
    cache.put(PAGE)
    (path,) = cache.folder.iterdir()
    whole = path.read_bytes()
    for damaged in (whole[:-5], whole[:10], whole + b"x", b"", whole.replace(b"whole", b"w0ole")):
        path.write_bytes(damaged)
        assert cache.get(PAGE.url) is None, damaged[-20:]
    path.write_bytes(whole)
    assert cache.get(PAGE.url) == PAGE


def test_release_removes_the_batch_and_clear_the_folder(tmp_path: Path) -> None:
    earlier = PageCache(tmp_path / "pages")
    earlier.put(FAILED)  # left by a crashed run
    batch = PageCache(tmp_path / "pages")
    batch.put(PAGE)
    batch.release()
    assert [p.name for p in batch.folder.iterdir()] != []  # the other page stays
    assert batch.get(PAGE.url) is None and batch.get(FAILED.url) == FAILED
    batch.clear()
    assert not batch.folder.exists()
    batch.clear()  # nothing to remove is fine
