-- Re-coding: every row of this coder version goes, in the transaction that writes the new ones.
delete from event_mentions where coder_version = $coder_version
