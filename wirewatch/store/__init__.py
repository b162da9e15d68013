"""Store: the only module that writes the DuckDB file (migrations, batch writes, reads)."""

from wirewatch.store.store import Store, sql_root, sql_text

__all__ = ["Store", "sql_root", "sql_text"]
