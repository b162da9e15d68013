select
    count(*) as stories,
    count(*) filter (where n_docs > 1) as with_reprints,
    coalesce(max(n_docs), 0) as largest,
    coalesce(sum(n_sources), 0) as sightings
from story_clusters
