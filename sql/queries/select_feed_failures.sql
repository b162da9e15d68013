select reason, kind, count(*) as n, max(seen_at) as last_seen
from feed_fetch_failures
group by reason, kind
order by n desc, reason
