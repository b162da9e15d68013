-- Replaces the recorded view checksums with those in the registered table `current_views`.
delete from schema_views;
insert into schema_views (name, checksum) select name, checksum from current_views;
