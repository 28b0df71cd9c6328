"""Read models: SQL that aggregates in the database, portable between engines."""
