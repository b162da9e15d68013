-- Mentions of the exported events in GDELT's 16 columns and types, as Parquet.
copy (
    select m.*
    from mentions_gdelt as m
    where $since_day is null or m."GLOBALEVENTID" in (
        select e."GLOBALEVENTID" from events_gdelt as e where e."SQLDATE" >= $since_day
    )
    order by m."MentionTimeDate", m."GLOBALEVENTID", m."SentenceID"
) to $path (format parquet, compression zstd)
