-- Which scanned paths (registered as `scan_chunk`) need processing: unknown to the ledger,
-- changed in size or mtime, marked retry (its failure had nothing to do with its bytes), or
-- vanished once and found again.
select c.path, c.size, c.mtime_ns, c.seq, c.reason, c.detail
from scan_chunk as c
left join files as f on f.path = c.path
where f.path is null
   or f.size_bytes <> c.size
   or f.mtime_ns <> c.mtime_ns
   or f.status in ('retry', 'vanished')
order by c.seq
