-- Exact verification of borderline reprint candidates: each document's distinct shingle
-- hashes (the low 32 bits of the 64-bit hashes its MinHash signature samples; sorted, uint32
-- little endian), about 1.2 KB per 3 KB article. A candidate pair whose estimated Jaccard or
-- containment is close to its threshold is decided on these exact sets instead of the
-- estimate. Rows clustered before this migration have none (NULL): their pairs keep the
-- estimate until `wirewatch recluster` rebuilds them.
alter table document_signatures add column shingles blob;
