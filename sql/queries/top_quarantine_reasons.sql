select reason, n_files from quarantine_by_reason limit 5
