-- Report: the $top most widely carried stories last seen on or after $since (or all).
select
    title,
    wire_agency,
    n_docs,
    n_sources,
    n_outlets,
    n_events,
    first_seen_at
from story_clusters_overview
where $since is null or last_seen_at >= $since
order by n_sources desc, n_docs desc, first_seen_at, cluster_id
limit $top
