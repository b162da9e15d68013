-- Report headline: the current coder version and how much it has coded, for events dated on or
-- after $since (a date, or null for all time; undated events count only when $since is null).
select
    (select any_value(coder_version) from stg_events) as coder_version,
    count(*) as n_events,
    count(*) filter (where event_date is null) as n_events_undated,
    coalesce(sum(num_mentions), 0)::bigint as n_mentions,
    count(distinct first_doc_id) as n_first_documents,
    min(event_date) as first_event_date,
    max(event_date) as last_event_date
from stg_events
where $since is null or event_date >= $since
