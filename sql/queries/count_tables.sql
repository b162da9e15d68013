select 'documents' as table_name, count(*) as n_rows from documents
union all select 'files', count(*) from files
union all select 'quarantine', count(*) from quarantine
union all select 'runs', count(*) from runs
union all select 'coded_documents', count(*) from coded_documents
union all select 'event_mentions', count(*) from event_mentions
union all select 'events', count(*) from events
