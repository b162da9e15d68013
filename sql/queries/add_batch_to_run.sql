update runs
set n_documents_new = n_documents_new + (select count(*) from staged_documents where is_new),
    n_documents_duplicate = n_documents_duplicate
        + (select count(*) from staged_documents where not is_new),
    n_quarantined = n_quarantined + (select count(*) from batch_quarantine),
    n_files_deferred = n_files_deferred + $n_deferred,
    n_batches = n_batches + 1,
    bytes_read = bytes_read + $bytes_read,
    seconds_read = seconds_read + $seconds_read,
    seconds_normalise = seconds_normalise + $seconds_normalise,
    seconds_lang = seconds_lang + $seconds_lang,
    seconds_store = seconds_store + $seconds_store
where run_id = $run_id
