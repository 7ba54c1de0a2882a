"""The only SQL and file code: models, the file, its lock, checks, migrations."""
