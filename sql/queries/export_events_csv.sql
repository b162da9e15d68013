-- Events in GDELT's 61 columns, as CSV with a header row. Events dated on or after $since_day, or all.
copy (
    select * from events_gdelt
    where $since_day is null or "SQLDATE" >= $since_day
    order by "DATEADDED", "GLOBALEVENTID"
) to $path (format csv, header true)
