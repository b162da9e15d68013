-- The batch's band keys that their buckets still accept (registered Arrow table
-- `indexed_bands`): a band key keeps at most max_bucket documents, the earliest by doc_seq,
-- which flows/bandindex.rows_to_index decides from the index's bucket sizes. Text shared by
-- thousands of documents (boilerplate, templates) would otherwise make every later document a
-- candidate of every earlier one; a reprint family stays reachable through its first members.
insert into lsh_bands by name
select band_key, doc_seq
from indexed_bands
order by doc_seq, band_key
