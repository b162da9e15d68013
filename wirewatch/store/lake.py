"""DuckLake: the tables as Parquet files under a shared data path, their catalog in PostgreSQL,
so several worker processes on several machines write at once (`[store] backend = "ducklake"`,
docs/scale-out.md). Plain Python: store.py does the connecting.

The two DuckDB extensions come from their PyPI packages (`duckdb-extension-ducklake`,
`duckdb-extension-postgres-scanner`, built for exactly the pinned duckdb) and are loaded from the
installed file, so nothing is downloaded at run time.

Shards: a worker given `shard = "K/N"` takes only the files and feeds whose stable hash (the
first 8 bytes of SHA-256 of the stored path or the feed URL) modulo N is K; the same text lands
in the same shard on every machine and every run.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from wirewatch.config import StoreSettings
from wirewatch.errors import ConfigError

# (package, extension name) of the extensions a DuckLake store loads, in loading order.
_EXTENSIONS = (
    ("duckdb_extension_postgres_scanner", "postgres_scanner"),
    ("duckdb_extension_ducklake", "ducklake"),
)
_PASSWORD = re.compile(r"password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


def extension_files() -> list[Path]:
    """The installed extension files, in loading order; ConfigError naming the package when
    one is missing."""
    files = []
    for package, name in _EXTENSIONS:
        try:
            module = import_module(package)
        except ImportError as exc:
            raise ConfigError(
                f'[store] backend = "ducklake" needs the package {package.replace("_", "-")} '
                "(pip install it, same version as duckdb)"
            ) from exc
        folder = Path(next(iter(module.__path__)))
        found = sorted(folder.glob(f"extensions/*/{name}.duckdb_extension"))
        if not found:
            raise ConfigError(f"{package} holds no {name}.duckdb_extension file")
        files.append(found[-1])
    return files


def sql_literal(text: str) -> str:
    """`text` as a single-quoted SQL string (ATTACH and LOAD take no bound parameters)."""
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class LakeTarget:
    """Where a DuckLake store lives: the PostgreSQL catalog and the shared data folder."""

    catalog: str
    data_path: str

    @classmethod
    def of(cls, cfg: StoreSettings) -> LakeTarget | None:
        """The target `cfg` names; None for the single-file backend."""
        if cfg.backend != "ducklake":
            return None
        return cls(cfg.catalog.strip(), str(Path(cfg.data_path).expanduser().resolve()))

    def describe(self) -> str:
        """For messages and `Store.path`: the catalog without its password, and the data path."""
        return f"ducklake:postgres:{_PASSWORD.sub('password=***', self.catalog)} @ {self.data_path}"


@dataclass(frozen=True)
class Shard:
    """A worker's share of the files and feeds: those whose stable hash modulo `count` is
    `index`."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard | None:
        """Parse "K/N" (validated by StoreSettings); empty or "0/1": None (everything)."""
        if not text:
            return None
        index, _, count = text.partition("/")
        shard = cls(int(index), int(count))
        return None if shard.count == 1 else shard

    def owns(self, key: str) -> bool:
        digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index
