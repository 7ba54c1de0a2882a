"""Programmes brought in from what councils have today: Word report tables, Excel and CSV
trackers. Each reader turns its file into a :class:`~app.imports.source.Source` (rows as the
file presents them); :mod:`app.imports.proposal` matches them to a programme and says what
would change, and nothing is written until the user accepts it."""
