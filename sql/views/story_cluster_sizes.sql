-- story_cluster_sizes: how many stories were carried by how many distinct bodies.
-- Grain: cluster size (n_docs). Inputs: story_clusters.
create or replace view story_cluster_sizes as
with story_clusters_source as (
    select * from story_clusters
)

select
    n_docs,
    count(*) as n_clusters,
    sum(n_sources) as n_sources,
    round(count(*) / sum(count(*)) over (), 4) as share_of_clusters
from story_clusters_source
group by n_docs
order by n_docs
