-- quarantine_by_reason: how many inputs were quarantined for each reason, and when last.
-- Grain: reason code. Inputs: quarantine.
create or replace view quarantine_by_reason as
with quarantine_source as (
    select * from quarantine
)

select
    reason,
    count(*) as n_files,
    count(distinct path) as n_paths,
    min(first_seen_at) as first_seen_at,
    max(first_seen_at) as last_seen_at,
    any_value(path order by first_seen_at desc) as latest_path
from quarantine_source
group by reason
order by n_files desc, reason
