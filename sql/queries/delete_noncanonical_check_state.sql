-- Forget a coder version's check mark (insert_noncanonical_check_state.sql writes the new one).
delete from noncanonical_check_state where coder_version = $coder_version
