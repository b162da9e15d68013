select name, checksum from schema_views order by name
