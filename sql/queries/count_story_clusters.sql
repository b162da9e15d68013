select count(*) as n_clusters, count(*) filter (where n_docs > 1) as n_multi_document
from story_clusters
