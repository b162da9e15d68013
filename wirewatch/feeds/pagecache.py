"""Article pages kept on disk between their fetch and the commit of the batch that uses them,
so a poll killed before that commit does not fetch them again when it is rerun.

A batch's articles are written to the database in one transaction after all its pages are
fetched; a crash before that COMMIT loses the batch, and the rerun polls its feeds again. Each
page's fetch outcome (its body, or the failure reason) is therefore written to its own file,
named by the SHA-256 of the URL, in a folder beside the database, the moment it is fetched;
the rerun reads it instead of fetching. Once the batch commits its files are removed (its
entries are in `feed_entries` and are never fetched again), and a run that finishes removes
the folder.

A file is written to a temporary name and renamed, so a reader sees a whole file or none. It
is not fsynced: it guards against the process dying (SIGKILL, OOM), not against a power cut,
after which a torn file fails its length and CRC-32 and the page is simply fetched again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import zlib
from pathlib import Path

from wirewatch.feeds.fetch import FetchResult

_FORMAT = 1
_KEPT_FIELDS = ("final_url", "status", "content_type", "reason", "detail", "n_attempts")


class PageCache:
    """Use as `cache.get(url)` before fetching a page and `cache.put(result)` after."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._touched: set[str] = set()
        self._made = False

    @classmethod
    def beside(cls, db_path: str | Path) -> PageCache:
        """The cache of the database file `db_path`: `<stem>.feed-pages/` next to it."""
        db = Path(db_path)
        return cls(db.with_name(f"{db.stem}.feed-pages"))

    def _path(self, url: str) -> Path:
        return self.folder / hashlib.sha256(url.encode("utf-8")).hexdigest()

    def get(self, url: str) -> FetchResult | None:
        """The outcome kept for `url`, or None (never kept, or the file is not whole)."""
        path = self._path(url)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        header_line, _, body = data.partition(b"\n")
        try:
            header = json.loads(header_line)
        except ValueError:
            return None
        if (
            not isinstance(header, dict)
            or header.get("format") != _FORMAT
            or header.get("url") != url
            or header.get("body_length") != (len(body) if header.get("has_body") else 0)
            or header.get("body_crc32") != zlib.crc32(body)
        ):
            return None
        self._touched.add(url)
        return FetchResult(
            url=url,
            body=body if header["has_body"] else None,
            **{name: header.get(name) for name in _KEPT_FIELDS},
        )

    def put(self, result: FetchResult) -> None:
        """Keep `result` (written whole or not at all)."""
        body = result.body or b""
        header = {name: getattr(result, name) for name in _KEPT_FIELDS} | {
            "format": _FORMAT,
            "url": result.url,
            "has_body": result.body is not None,
            "body_length": len(body),
            "body_crc32": zlib.crc32(body),  # finds a torn file, and costs little
        }
        path = self._path(result.url)
        if not self._made:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._made = True
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        with partial.open("wb") as out:
            out.write(json.dumps(header).encode("utf-8") + b"\n")
            out.write(body)
        os.replace(partial, path)
        self._touched.add(result.url)

    def release(self) -> None:
        """Remove the files this cache wrote or read: their batch has committed."""
        for url in self._touched:
            self._path(url).unlink(missing_ok=True)
        self._touched.clear()

    def clear(self) -> None:
        """Remove every file and the folder: a run that finished needs none of them (each
        batch of it committed; a feed whose batch a crash lost was due again and polled)."""
        self._made = False
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # a file appeared meanwhile: the next run's
            self.folder.rmdir()
