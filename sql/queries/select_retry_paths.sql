-- Ledger rows waiting for a retry under one folder: a scan that does not find them again
-- closes them as vanished.
select path
from files
where status = 'retry'
  and starts_with(path, $prefix)
order by path
