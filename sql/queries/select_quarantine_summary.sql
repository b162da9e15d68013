select reason, n_files, strftime(last_seen_at, '%Y-%m-%d %H:%M:%S') as last_seen, latest_path
from quarantine_by_reason
