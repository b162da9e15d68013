-- Writes every committed change into the database file (the read snapshot copies it next).
CHECKPOINT;
