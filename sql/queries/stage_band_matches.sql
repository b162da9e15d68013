-- Every stored document sharing a band key with a batch document: the one scan of lsh_bands
-- a batch makes (candidates and bucket sizes both come from it).
create or replace temp table band_matches as
select n.band_key, n.doc_seq as new_seq, o.doc_seq as old_seq
from batch_bands as n
join lsh_bands as o on o.band_key = n.band_key
