-- GDELT 2.0 event file: tab-separated, no header, no quoting (events_gdelt turns tabs and line
-- breaks in text into spaces). Events dated on or after $since_day (YYYYMMDD), or all.
copy (
    select * from events_gdelt
    where $since_day is null or "SQLDATE" >= $since_day
    order by "DATEADDED", "GLOBALEVENTID"
) to $path (delimiter '\t', header false, quote '')
