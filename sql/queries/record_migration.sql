insert into schema_migrations (version, name, checksum) values ($version, $name, $checksum)
