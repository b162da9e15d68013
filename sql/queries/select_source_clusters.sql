-- Every sighting (file path or URL) with the story cluster of its document.
select s.source, c.cluster_id
from document_sources as s
join document_clusters as c on c.doc_id = s.doc_id
order by s.source
