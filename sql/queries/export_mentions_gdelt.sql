-- GDELT 2.0 mentions file: tab-separated, no header, no quoting. Mentions of the events that
-- export_events_gdelt.sql writes for the same $since_day.
copy (
    select m.*
    from mentions_gdelt as m
    where $since_day is null or m."GLOBALEVENTID" in (
        select e."GLOBALEVENTID" from events_gdelt as e where e."SQLDATE" >= $since_day
    )
    order by m."MentionTimeDate", m."GLOBALEVENTID", m."SentenceID"
) to $path (delimiter '\t', header false, quote '')
