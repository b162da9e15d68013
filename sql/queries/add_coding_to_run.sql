update runs
set n_documents_coded = n_documents_coded + $n_documents,
    n_event_mentions = n_event_mentions + $n_mentions,
    seconds_coding = seconds_coding + $seconds
where run_id = $run_id
