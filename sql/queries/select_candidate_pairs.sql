-- Documents sharing at least one LSH band key with a batch document (batch included).
select distinct n.doc_id, o.doc_id as other_id
from batch_bands as n
join lsh_bands as o on o.band_key = n.band_key
where o.doc_id <> n.doc_id
order by all
