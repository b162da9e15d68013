-- How many events a coder version holds.
select count(*) from events where coder_version = $coder_version
