delete from events where coder_version = $coder_version
