-- Which candidate entries (registered as `candidate_entries`: feed_url, guid, canonical_url)
-- were seen before: `guid` when this feed listed the same guid, else `url` when any feed's
-- entry had the same canonical URL.
select
    c.guid,
    case
        when exists (
            select 1 from feed_entries as e where e.feed_url = c.feed_url and e.guid = c.guid
        ) then 'guid'
        else 'url'
    end as known_by,
    (select min(e.doc_id) from feed_entries as e
     where e.canonical_url = c.canonical_url and e.doc_id is not null) as doc_id
from candidate_entries as c
where exists (select 1 from feed_entries as e where e.feed_url = c.feed_url and e.guid = c.guid)
   or exists (
        select 1 from feed_entries as e
        where c.canonical_url is not null and e.canonical_url = c.canonical_url
   )
