-- Stored band keys of documents after $watermark: what the band-key index lacks after a crash
-- between a batch's commit and its index update (all of them, with -1, for a rebuild). doc_seq
-- grows with insertion, so the filter reads only the newest row groups.
select band_key, doc_seq from lsh_bands where doc_seq > $watermark
