select 'documents' as table_name, count(*) as n_rows from documents
union all select 'files', count(*) from files
union all select 'quarantine', count(*) from quarantine
union all select 'runs', count(*) from runs
