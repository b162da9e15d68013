-- Events in GDELT's 61 columns and types, as Parquet. Events dated on or after $since_day, or all.
copy (
    select * from events_gdelt
    where $since_day is null or "SQLDATE" >= $since_day
    order by "DATEADDED", "GLOBALEVENTID"
) to $path (format parquet, compression zstd)
