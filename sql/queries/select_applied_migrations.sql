select version, name, checksum from schema_migrations order by version
