insert into lsh_bands by name
select band_key, doc_id from batch_bands
