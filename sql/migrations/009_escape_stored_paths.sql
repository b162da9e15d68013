-- File paths are stored in one lossless escaping (wirewatch/ingest/paths.py, ARCHITECTURE.md "Paths"):
-- a byte that is not part of valid UTF-8 becomes \xNN and a literal backslash is doubled, so
-- names that are not UTF-8 can be stored and every stored path maps back to its exact bytes.
-- Rows written before could hold only valid UTF-8; doubling their backslashes gives the text
-- the scan now produces for the same file. (Sources that are URLs, not paths, are left alone.)
-- The ledger also gains status `vanished`: a retry row whose file a complete scan no longer
-- found; final, never retried.
update files set path = replace(path, '\', '\\') where contains(path, '\');
update quarantine set path = replace(path, '\', '\\') where contains(path, '\');
update documents set source_path = replace(source_path, '\', '\\')
where contains(source_path, '\') and starts_with(source_path, '/');
update document_sources set source = replace(source, '\', '\\')
where contains(source, '\') and starts_with(source, '/');
update runs set root = replace(root, '\', '\\') where contains(root, '\');
